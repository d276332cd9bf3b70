package io.edgegw.sip.stack;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RI's message parser behind a guard, for what peers send us. Before parsing it bounds a message's header lines
 * (their number, each one's length, the Vias); a message over them is refused as unparseable, which the RI answers
 * {@code 400} with the reason in the status line (UDP) or drops with its connection (TCP), as for any other
 * message it cannot parse (RFC 3261 section 16.3 step 1, 21.4.1). After parsing it notes messages the RI will drop
 * silently (no Call-ID, CSeq, From, To or Via: nothing to answer with). Each refused or dropped message is logged,
 * at most once a minute per source address. Named in the stack's {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class GuardedParserFactory implements MessageParserFactory {
    /** Vias on one message: Max-Forwards starts at 70, so a real request has passed fewer proxies. */
    static final int MAX_VIAS = 70;
    /** Header lines on one message. */
    static final int MAX_HEADERS = 256;
    /** Characters on one header line (folded lines count separately). */
    static final int MAX_LINE = 8192;

    private static final MessageParser GUARDED = new Guarded(new StringMsgParser());

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return GUARDED;
    }

    private static final class Guarded implements MessageParser {
        private static final Logger LOG = LoggerFactory.getLogger(GuardedParserFactory.class);
        private static final long MINUTE_NANOS = 60_000_000_000L;
        private static final int MAX_SOURCES = 10_000;
        private static final ConcurrentHashMap<String, Long> LOGGED = new ConcurrentHashMap<>();

        private final MessageParser parser;

        Guarded(MessageParser parser) {
            this.parser = parser;
        }

        @Override
        public SIPMessage parseSIPMessage(byte[] msgBytes, boolean readBody, boolean strict,
                                          ParseExceptionListener exhandler) throws ParseException {
            SIPMessage m;
            try {
                checkHeaderLines(msgBytes);
                m = parser.parseSIPMessage(msgBytes, readBody, strict, exhandler);
            } catch (ParseException e) {
                log(exhandler, "refused as unparseable: " + printable(e.getMessage()));
                throw e;
            }
            if (m != null && exhandler != null) { // from the wire, not the RI parsing its own copies
                String missing = m.getCallId() == null ? "Call-ID" : m.getCSeq() == null ? "CSeq"
                        : m.getFrom() == null ? "From" : m.getTo() == null ? "To"
                        : m.getTopmostVia() == null ? "Via" : null;
                if (missing != null) {
                    // the RI would drop it too, but a request without CSeq first throws NullPointerException inside
                    // the RI, which logs the whole 64 KB datagram at ERROR each time
                    log(exhandler, "dropped: no " + missing + " header field");
                    throw new ParseException("Missing " + missing + " header field", 0);
                }
            }
            return m;
        }

        /** Header lines up to the blank line: how many, how long, how many Vias. */
        private static void checkHeaderLines(byte[] b) throws ParseException {
            int lines = 0;
            int vias = 0;
            int start = 0;
            for (int i = 0; i <= b.length; i++) {
                if (i < b.length && b[i] != '\n') {
                    continue;
                }
                int length = i - start;
                if (length > MAX_LINE) {
                    throw new ParseException("Header line longer than " + MAX_LINE + " characters", start);
                }
                if (length <= 1 && lines > 0) {
                    return; // the blank line: the body follows
                }
                if (++lines > MAX_HEADERS) {
                    throw new ParseException("More than " + MAX_HEADERS + " header lines", start);
                }
                if (isVia(b, start, i)) {
                    vias += 1 + commas(b, start, i);
                    if (vias > MAX_VIAS) {
                        throw new ParseException("More than " + MAX_VIAS + " Via header field values", start);
                    }
                }
                start = i + 1;
            }
        }

        private static boolean isVia(byte[] b, int from, int to) {
            int n = 0;
            while (from + n < to && n < 4 && b[from + n] != ':' && b[from + n] != ' ' && b[from + n] != '\t') {
                n++;
            }
            if (n == 1) {
                return (b[from] | 0x20) == 'v';
            }
            return n == 3 && (b[from] | 0x20) == 'v' && (b[from + 1] | 0x20) == 'i' && (b[from + 2] | 0x20) == 'a';
        }

        private static int commas(byte[] b, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                if (b[i] == ',') {
                    n++;
                }
            }
            return n;
        }

        /** A peer's text in our log: short, and nothing that is not printable ASCII. */
        private static String printable(String s) {
            String t = String.valueOf(s);
            StringBuilder sb = new StringBuilder(Math.min(t.length(), 100));
            for (int i = 0; i < t.length() && i < 100; i++) {
                char ch = t.charAt(i);
                sb.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
            }
            return t.length() > 100 ? sb.append("...").toString() : sb.toString();
        }

        private static void log(ParseExceptionListener from, String what) {
            // the UDP channel learns its peer's port only after parsing: the address is what we have
            String address = from instanceof MessageChannel c ? c.getPeerAddress() : "?";
            String source = address;
            long now = System.nanoTime();
            if (LOGGED.size() > MAX_SOURCES) {
                LOGGED.clear(); // a flood of distinct addresses: forget, rather than grow
            }
            Long before = LOGGED.get(address);
            if (before != null && now - before < MINUTE_NANOS) {
                LOG.debug("SIP message from {} {}", source, what);
                return;
            }
            LOGGED.put(address, now);
            LOG.warn("SIP message from {} {} (logged once a minute per address)", source, what);
        }
    }
}
