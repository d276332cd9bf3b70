package io.edgegw.sipstack.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.edgegw.sipstack.message.Messages.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipParserRejectsTest {
    private static final String OPTIONS = """
            OPTIONS sip:carrier.example.com SIP/2.0
            Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1
            Max-Forwards: 70
            From: <sip:a@example.com>;tag=1
            To: <sip:carrier.example.com>
            Call-ID: reject-1
            CSeq: 1 OPTIONS
            Content-Length: 0

            """;

    private static SipParseException refused(byte[] bytes) {
        return assertThrows(SipParseException.class, () -> SipParser.parse(bytes));
    }

    private static SipParseException refused(String text) {
        return refused(wire(text));
    }

    @Test
    void theWellFormedBaseMessageParses() throws Exception {
        assertEquals("reject-1", SipParser.parse(wire(OPTIONS)).callId());
    }

    @Test
    void bytesThatAreNotSipAreRefusedWithoutAnAnswer() {
        byte[] binary = new byte[1000];
        Arrays.fill(binary, (byte) 0x80);
        for (byte[] garbage : new byte[][] {binary, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            "\u0016\u0003\u0001\u0002\u0000".getBytes(StandardCharsets.ISO_8859_1), new byte[0], "INVITE".getBytes()}) {
            SipParseException e = refused(garbage);
            assertFalse(e.canAnswer400(), e.reason());
        }
        assertTrue(refused("SIP/2.0 099 Too Low\nContent-Length: 0\n\n").reason().contains("Status code"));
    }

    @Test
    void oversizeMessageIsRefusedBeforeItIsRead() {
        byte[] big = Messages.concat(wire(OPTIONS.replace("Content-Length: 0", "Content-Length: 70000")), new byte[70_000]);
        SipParseException e = refused(big);
        assertTrue(e.reason().startsWith("Message larger than 65536"), e.reason());
        assertFalse(e.canAnswer400());
        SipLimits small = new SipLimits(200, 256, 8192, 70);
        assertThrows(SipParseException.class, () -> SipParser.parse(wire(OPTIONS), small));
    }

    @Test
    void tooManyHeaderLinesIsRefusedAndAnswerableWhenTheMandatoryOnesCameFirst() {
        String extra = "X-Filler: 1\n".repeat(300);
        SipParseException e = refused(OPTIONS.replace("Content-Length: 0\n", extra + "Content-Length: 0\n"));
        assertTrue(e.reason().contains("More than 256 header lines"), e.reason());
        assertTrue(e.canAnswer400());
        assertEquals("reject-1", e.request().callId());
    }

    @Test
    void tooLongLineIsRefusedAndAnswerableWithTheMandatoryFieldsAfterIt() {
        SipParseException e = refused(OPTIONS.replace("Max-Forwards: 70\n", "Subject: " + "x".repeat(9000) + "\n"));
        assertTrue(e.reason().contains("Line longer than 8192"), e.reason());
        assertTrue(e.canAnswer400(), "From, To, Call-ID and CSeq after the long line are still found");
        assertEquals("reject-1", e.request().callId());
        String answer = text(SipResponses.create(e.request(), 400, e.reason(), "t1"));
        assertTrue(answer.contains("CSeq: 1 OPTIONS") && !answer.contains("xxxx"), answer);
        SipParseException longFrom = refused(OPTIONS.replace("From: <sip:a@example.com>;tag=1",
                "From: <sip:" + "a".repeat(9000) + "@example.com>;tag=1"));
        assertFalse(longFrom.canAnswer400(), "a From past the line limit is not taken");
    }

    @Test
    void tooManyViasAreRefusedAlsoWhenCommaSeparated() {
        String vias = "Via: " + "SIP/2.0/UDP p.example.com;branch=z9hG4bKx, ".repeat(70) + "SIP/2.0/UDP last;branch=z9hG4bKy\n";
        SipParseException e = refused(OPTIONS.replace("Content-Length: 0\n", vias + "Content-Length: 0\n"));
        assertTrue(e.reason().contains("More than 70 Via"), e.reason());
        assertTrue(e.canAnswer400());
    }

    @Test
    void tooManyViasBeforeTheOtherMandatoryFieldsAreAnsweredWithTheViasUpToTheLimit() {
        String vias = "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKv\n".repeat(300);
        SipParseException e = refused(OPTIONS.replace("Max-Forwards: 70\n", vias + "Max-Forwards: 70\n"));
        assertTrue(e.reason().contains("More than 70 Via"), e.reason());
        assertTrue(e.canAnswer400());
        String answer = text(SipResponses.create(e.request(), 400, e.reason(), "t1"));
        assertEquals(70, answer.split("\r\nVia: ", -1).length - 1, "the Vias read, up to the limit");
        assertTrue(answer.contains("branch=z9hG4bK1") && answer.contains("Call-ID: reject-1"), answer);
    }

    private static String text(SipResponse response) {
        ByteBuf out = Unpooled.buffer();
        response.encode(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badContentLengthIsRefusedAndAnswerable() {
        for (String cl : new String[] {"abc", "-1", "99999999999", "10"}) {
            SipParseException e = refused(OPTIONS.replace("Content-Length: 0", "Content-Length: " + cl));
            assertTrue(e.canAnswer400(), cl);
            assertTrue(e.reason().contains("Content-Length"), e.reason());
        }
        assertTrue(refused(OPTIONS.replace("Content-Length: 0", "Content-Length: 10")).reason()
                .equals("Body shorter than Content-Length"));
        assertTrue(refused(OPTIONS.replace("Content-Length: 0", "Content-Length: 0\nl: 3")).canAnswer400());
    }

    @Test
    void missingMandatoryHeaderIsNamedAndNotAnswerable() {
        for (String line : new String[] {"Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\n", "From: <sip:a@example.com>;tag=1\n",
            "To: <sip:carrier.example.com>\n", "Call-ID: reject-1\n", "CSeq: 1 OPTIONS\n"}) {
            SipParseException e = refused(OPTIONS.replace(line, ""));
            assertFalse(e.canAnswer400(), line);
            String name = line.substring(0, line.indexOf(':'));
            assertEquals("Missing " + name + " header field", e.reason());
        }
    }

    @Test
    void cseqMethodMustMatchTheRequestMethod() {
        SipParseException e = refused(OPTIONS.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"));
        assertTrue(e.reason().contains("differs"), e.reason());
        assertTrue(e.canAnswer400());
    }

    @Test
    void anUnreadableCSeqIsAnswerableAndTheAnswerCarriesItAsItCame() {
        for (String cseq : new String[] {"4294967296 OPTIONS", "one OPTIONS", "1"}) {
            SipParseException bad = refused(OPTIONS.replace("CSeq: 1 OPTIONS", "CSeq: " + cseq));
            assertEquals("Malformed CSeq", bad.reason());
            assertTrue(bad.canAnswer400(), cseq); // RFC 3261 16.3 step 1: Via, Call-ID and a CSeq line are there
            String text = text(SipResponses.create(bad.request(), 400, bad.reason(), "t1"));
            assertTrue(text.startsWith("SIP/2.0 400 Malformed CSeq\r\n"), text);
            assertTrue(text.contains("\r\nCSeq: " + cseq + "\r\n") && text.contains("branch=z9hG4bK1"), text);
        }
    }

    @Test
    void numbersOutOfRangeAreRefused() {
        SipParseException mf = refused(OPTIONS.replace("Max-Forwards: 70", "Max-Forwards: 256"));
        assertTrue(mf.reason().startsWith("Max-Forwards out of"), mf.reason());
        assertTrue(mf.canAnswer400());
        assertTrue(refused(OPTIONS.replace("10.0.0.1:5060", "10.0.0.1:70000")).reason().contains("Via"));
        assertTrue(refused(OPTIONS.replace("Call-ID: reject-1", "Call-ID:")).reason().contains("Call-ID"));
    }

    @Test
    void truncatedMessagesAreRefusedAndAnswerableOnceTheMandatoryHeadersArrived() {
        String noEmptyLine = OPTIONS.substring(0, OPTIONS.indexOf("Content-Length"));
        SipParseException e = refused(noEmptyLine);
        assertEquals("Message ends inside its header section", e.reason());
        assertTrue(e.canAnswer400());
        SipParseException cut = refused(OPTIONS.substring(0, OPTIONS.indexOf("Call-ID") + 10));
        assertEquals("Message ends inside a line", cut.reason());
        assertFalse(cut.canAnswer400());
        assertFalse(refused("OPTIONS sip:x SIP/2.0").canAnswer400());
    }

    @Test
    void malformedHeaderLinesAndViasAreRefused() {
        assertTrue(refused(OPTIONS.replace("Max-Forwards: 70", "Max-Forwards 70")).reason().startsWith("Malformed header"));
        assertTrue(refused(OPTIONS.replace("OPTIONS sip:carrier.example.com SIP/2.0\n",
                "OPTIONS sip:carrier.example.com SIP/2.0\n folded-first\n")).reason().startsWith("Malformed header"));
        SipParseException via = refused(OPTIONS.replace("SIP/2.0/UDP 10.0.0.1:5060", "HTTP/1.1 10.0.0.1"));
        assertEquals("Malformed Via", via.reason());
        assertFalse(via.canAnswer400());
        assertTrue(refused(OPTIONS.replace("OPTIONS sip:carrier.example.com SIP/2.0", "OPTIONS sip:carrier.example.com SIP/3.0"))
                .reason().contains("request line"));
    }

    @Test
    void aFourHundredCanBeBuiltFromWhatWasRead() {
        SipParseException e = refused(OPTIONS.replace("Max-Forwards: 70", "Max-Forwards: 999"));
        SipResponse bad = SipResponses.create(e.request(), javax.sip.message.Response.BAD_REQUEST, e.reason(), null);
        assertEquals(400, bad.statusCode());
        assertEquals("Max-Forwards out of 0-255", bad.reasonPhrase());
        assertEquals("z9hG4bK1", bad.topVia().branch());
        assertEquals("reject-1", bad.callId());
    }
}
