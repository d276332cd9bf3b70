package io.edgegw.sipstack.message;

import gov.nist.javax.sip.SIPConstants;
import io.netty.buffer.ByteBuf;

/**
 * Reads one whole message (a UDP datagram, or a TCP frame cut by Content-Length) in one pass: the start line, then
 * every header line indexed by name and value offsets. It checks the limits, the mandatory fields, the numbers a
 * proxy relies on and the top Via, and reads nothing else: typed values are parsed when a caller asks for them.
 * Bytes that are not SIP fail on the first byte that cannot start a start line.
 */
public final class SipParser {
    private static final String VERSION = SIPConstants.SIP_VERSION_STRING;
    private static final int MANDATORY = 1 << HeaderNames.VIA | 1 << HeaderNames.FROM | 1 << HeaderNames.TO
            | 1 << HeaderNames.CALL_ID | 1 << HeaderNames.CSEQ;
    /** RFC 3261 section 20.22. */
    private static final int MAX_FORWARDS_LIMIT = 255;

    private final byte[] b;
    private final SipLimits limits;
    private final int n;
    private int p;
    private int lines;
    private int vias;
    private int seen;
    private HeaderFields fields;
    private int start;
    private int startLineEnd;
    private String method;
    private int uriStart;
    private int uriEnd;
    /** A 400 built for a request whose CSeq could not be read carries that CSeq as it came (RFC 3261 8.2.6.2). */
    private boolean cseqAsReceived;

    private SipParser(byte[] b, SipLimits limits) {
        this.b = b;
        this.limits = limits;
        this.n = b.length;
    }

    public static SipMessage parse(ByteBuf buf) throws SipParseException {
        return parse(buf, SipLimits.DEFAULT);
    }

    /** Reads the buffer's readable bytes (copied: a message outlives the buffer, e.g. kept for retransmission). */
    public static SipMessage parse(ByteBuf buf, SipLimits limits) throws SipParseException {
        int length = buf.readableBytes();
        if (length > limits.maxMessageBytes()) {
            throw new SipParseException("Message larger than " + limits.maxMessageBytes() + " bytes", null);
        }
        byte[] copy = new byte[length];
        buf.getBytes(buf.readerIndex(), copy);
        return parse(copy, limits);
    }

    public static SipMessage parse(byte[] message) throws SipParseException {
        return parse(message, SipLimits.DEFAULT);
    }

    /** Reads message, which the returned message then owns (it is not copied). */
    public static SipMessage parse(byte[] message, SipLimits limits) throws SipParseException {
        if (message.length > limits.maxMessageBytes()) {
            throw new SipParseException("Message larger than " + limits.maxMessageBytes() + " bytes", null);
        }
        return new SipParser(message, limits).read();
    }

    private SipMessage read() throws SipParseException {
        while (p < n && (b[p] == Ascii.CR || b[p] == Ascii.LF)) {
            p++; // RFC 3261 7.5: CRLFs before the start line are ignored
        }
        start = p;
        int status = Ascii.startsWith(b, p, n, VERSION) && p + VERSION.length() < n && b[p + VERSION.length()] == ' '
                ? statusLine() : requestLine();
        fields = new HeaderFields(b, 16);
        headers();
        int bodyStart = p;
        int bodyEnd = bodyEnd(bodyStart);
        if ((seen & MANDATORY) != MANDATORY) {
            throw fail("Missing " + missing() + " header field");
        }
        if (status >= 0) {
            int reasonEnd = trimmedLineEnd(start);
            SipResponse r = new SipResponse(b, start, startLineEnd, fields, bodyStart, bodyEnd, status,
                    Math.min(start + VERSION.length() + 5, reasonEnd), reasonEnd);
            check(r);
            return r;
        }
        SipRequest r = new SipRequest(b, start, startLineEnd, fields, bodyStart, bodyEnd, method, uriStart, uriEnd);
        check(r);
        if (r.cseq().method() != method && !r.cseq().method().equals(method)) {
            throw fail("CSeq method " + r.cseq().method() + " differs from the request method");
        }
        return r;
    }

    /** "SIP/2.0 SP 3DIGIT SP reason CRLF"; returns the status. */
    private int statusLine() throws SipParseException {
        int d = p + VERSION.length() + 1;
        if (d + 3 > n || (d + 3 < n && b[d + 3] != ' ' && b[d + 3] != Ascii.CR && b[d + 3] != Ascii.LF)) {
            throw fail("Not a SIP status line");
        }
        int status = (int) Ascii.parseNumber(b, d, d + 3);
        if (status < 100 || status > 699) {
            throw fail("Status code out of 100-699");
        }
        p = d + 3;
        endOfLine(start);
        return status;
    }

    /** "Method SP Request-URI SP SIP/2.0 CRLF"; stops at the first byte that cannot be there. */
    private int requestLine() throws SipParseException {
        while (p < n && Ascii.isToken(b[p])) {
            p++;
        }
        if (p == start || p >= n || b[p] != ' ' || p - start > 32) {
            throw fail("Not a SIP message");
        }
        method = CSeq.method(b, start, p);
        uriStart = ++p;
        while (p < n && b[p] > ' ' && p - start <= limits.maxLineBytes()) {
            p++;
        }
        uriEnd = p;
        if (uriEnd == uriStart || p >= n || b[p] != ' ' || !Ascii.startsWith(b, p + 1, n, VERSION)) {
            throw fail("Not a SIP request line");
        }
        p += 1 + VERSION.length();
        if (p < n && b[p] == Ascii.CR) {
            p++;
        }
        if (p >= n || b[p] != Ascii.LF) {
            throw fail("Not a SIP request line");
        }
        startLineEnd = ++p;
        lines++;
        return -1;
    }

    private void headers() throws SipParseException {
        while (true) {
            if (p >= n) {
                throw fail("Message ends inside its header section");
            }
            if (b[p] == Ascii.LF || (b[p] == Ascii.CR && p + 1 < n && b[p + 1] == Ascii.LF)) {
                p += b[p] == Ascii.LF ? 1 : 2;
                return;
            }
            int lineStart = p;
            while (p < n && Ascii.isToken(b[p])) {
                p++;
            }
            int nameEnd = p;
            while (p < n && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            if (nameEnd == lineStart || p >= n || b[p] != ':') {
                throw fail("Malformed header line " + (lines + 1));
            }
            int valueStart = p + 1;
            while (valueStart < n && (b[valueStart] == ' ' || b[valueStart] == '\t')) {
                valueStart++;
            }
            int lastLf = endOfLine(lineStart);
            while (p < n && (b[p] == ' ' || b[p] == '\t')) {
                lastLf = endOfLine(p); // a folded continuation line
            }
            int valueEnd = Math.max(valueStart, Ascii.trimEnd(b, valueStart, lastLf));
            valueStart = Ascii.skipLws(b, valueStart, valueEnd); // a value may start on a continuation line
            byte code = HeaderNames.code(b, lineStart, nameEnd);
            if (code == HeaderNames.VIA) {
                countVias(valueStart, valueEnd);
            }
            seen |= 1 << code;
            fields.addOriginal(code, lineStart, nameEnd, valueStart, valueEnd, p);
        }
    }

    /** Moves p past the LF ending the line that starts at from; returns the LF's index. Counts the line. */
    private int endOfLine(int from) throws SipParseException {
        if (++lines > limits.maxHeaderLines() + 1) {
            throw pastLimit("More than " + limits.maxHeaderLines() + " header lines", from);
        }
        int limit = Math.min(n, from + limits.maxLineBytes() + 1);
        for (int i = p; i < limit; i++) {
            if (b[i] == Ascii.LF) {
                if (startLineEnd == 0) {
                    startLineEnd = i + 1;
                }
                p = i + 1;
                return i;
            }
        }
        if (limit < n) {
            throw pastLimit("Line longer than " + limits.maxLineBytes() + " bytes", from);
        }
        throw fail("Message ends inside a line");
    }

    /** Counts the comma-separated Via values, and refuses one that does not start as "SIP/". */
    private void countVias(int from, int to) throws SipParseException {
        int valueStart = from;
        boolean quoted = false;
        for (int i = from; i <= to; i++) {
            if (i < to && b[i] == '"') {
                quoted = !quoted;
            }
            if (i == to || (b[i] == ',' && !quoted)) {
                int v = Ascii.skipLws(b, valueStart, i);
                if (!Ascii.equalsIgnoreCase(b, v, Math.min(v + 3, i), "SIP")) {
                    throw fail("Malformed Via");
                }
                if (++vias > limits.maxVias()) {
                    throw pastLimit("More than " + limits.maxVias() + " Via header field values", p);
                }
                valueStart = i + 1;
            }
        }
    }

    /** Where the body ends: Content-Length must fit what arrived; bytes after it are cut (RFC 3261 18.3). */
    private int bodyEnd(int bodyStart) throws SipParseException {
        long length = -1;
        for (int i = fields.first(HeaderNames.CONTENT_LENGTH); i >= 0; i = fields.next(HeaderNames.CONTENT_LENGTH, i)) {
            long l = Ascii.parseNumber(b, fields.valueStart(i), fields.valueEnd(i));
            if (l < 0 || l > limits.maxMessageBytes() || (length >= 0 && l != length)) {
                throw fail("Malformed Content-Length");
            }
            length = l;
        }
        if (length < 0) {
            return n; // none given (UDP allows that): the body is the rest of the datagram
        }
        if (length > n - bodyStart) {
            throw fail("Body shorter than Content-Length");
        }
        return bodyStart + (int) length;
    }

    private void check(SipMessage m) throws SipParseException {
        if (m.callId() == null || m.callId().isEmpty()) {
            throw fail("Empty Call-ID");
        }
        if (m.cseq() == null && !(cseqAsReceived && m instanceof SipResponse)) {
            throw fail("Malformed CSeq");
        }
        if (m.topVia() == null) {
            throw fail("Malformed Via");
        }
        int mfAt = fields.first(HeaderNames.MAX_FORWARDS);
        if (mfAt >= 0) {
            long mf = Ascii.parseNumber(b, fields.valueStart(mfAt), fields.valueEnd(mfAt));
            if (mf < 0 || mf > MAX_FORWARDS_LIMIT) {
                throw fail("Max-Forwards out of 0-" + MAX_FORWARDS_LIMIT);
            }
        }
    }

    /**
     * A limit was passed at the line starting at from: before failing, the rest of the header section is searched
     * once for the From, To, Call-ID and CSeq not read yet, so the request can still be answered 400 (the RI did,
     * reading the whole message). The bytes are already bounded by maxMessageBytes; no line past maxLineBytes and
     * no further Via is taken, so the 400 stays within the limits it reports.
     */
    private SipParseException pastLimit(String reason, int from) {
        for (int i = from; fields != null && i < n && b[i] != Ascii.CR && b[i] != Ascii.LF; ) {
            int lf = i;
            while (lf < n && b[lf] != Ascii.LF) {
                lf++;
            }
            int nameEnd = i;
            while (nameEnd < lf && Ascii.isToken(b[nameEnd])) {
                nameEnd++;
            }
            int colon = nameEnd;
            while (colon < lf && (b[colon] == ' ' || b[colon] == '\t')) {
                colon++;
            }
            if (nameEnd > i && colon < lf && b[colon] == ':' && lf - i <= limits.maxLineBytes()) {
                byte code = HeaderNames.code(b, i, nameEnd);
                if (code != HeaderNames.VIA && (MANDATORY & 1 << code) != 0 && (seen & 1 << code) == 0) {
                    int valueStart = Ascii.skipLws(b, colon + 1, lf);
                    seen |= 1 << code;
                    int valueEnd = Math.max(valueStart, Ascii.trimEnd(b, valueStart, lf));
                    fields.addOriginal(code, i, nameEnd, valueStart, valueEnd, Math.min(n, lf + 1));
                }
            }
            i = lf + 1;
        }
        return fail(reason);
    }

    private String missing() {
        for (byte code : new byte[] {HeaderNames.VIA, HeaderNames.FROM, HeaderNames.TO, HeaderNames.CALL_ID,
            HeaderNames.CSEQ}) {
            if ((seen & 1 << code) == 0) {
                return HeaderNames.name(code);
            }
        }
        return "";
    }

    private int trimmedLineEnd(int from) {
        return Ascii.trimEnd(b, from, startLineEnd);
    }

    /**
     * Reads a response the stack built itself as the answer to a request whose CSeq could not be read: its CSeq is
     * that request's, copied as it came, so only that check is skipped.
     */
    static SipResponse parseAnswerToUnreadableCSeq(byte[] message) throws SipParseException {
        SipParser parser = new SipParser(message, SipLimits.DEFAULT);
        parser.cseqAsReceived = true;
        return (SipResponse) parser.read();
    }

    /**
     * The failure; answerable with 400 when this is a request whose Via, From, To, Call-ID and CSeq were read and
     * the top Via parses, since the response copies those and goes back along the top Via. An unreadable CSeq is
     * copied as it came (the RI did the same): the sender matches the 400 by its Via branch (RFC 3261 17.1.3).
     */
    private SipParseException fail(String reason) {
        SipRequest answerable = null;
        if (method != null && fields != null && (seen & MANDATORY) == MANDATORY) {
            SipRequest r = new SipRequest(b, start, startLineEnd, fields, p, p, method, uriStart, uriEnd);
            if (r.topVia() != null && r.callId() != null && !r.callId().isEmpty()) {
                answerable = r;
            }
        }
        return new SipParseException(reason, answerable);
    }
}
