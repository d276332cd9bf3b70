package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed SIP over UDP: answered {@code 400} with the reason where a response can be built (RFC 3261 sections 16.3,
 * 21.4.1), dropped where it cannot, and the proxy keeps serving: a good call goes through right after each. A
 * dropped message is proven dropped by the caller's next message being about the good call.
 */
@Timeout(120)
class MalformedSipTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private RawSip first;
    private RawSip second;
    private RawSip caller;
    private Gateway gateway;
    private InetSocketAddress proxy;
    private int calls;

    private void start() throws Exception {
        first = new RawSip("127.0.0.1");
        second = new RawSip("127.0.0.1");
        caller = new RawSip("127.0.0.1");
        gateway = SipGateway.start(dir.resolve("queues"), first.port(), second.port());
        proxy = SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        caller.close();
        second.close();
        first.close();
    }

    @Test
    void garbageAndRequestsWithoutWhatAResponseNeedsAreDroppedAndCallsGoOn() throws Exception {
        start();
        byte[] garbage = new byte[1200];
        new Random(7).nextBytes(garbage);
        sendBytes(garbage);
        assertGoodCallIsNextMessage();

        sendRaw("INVITE sip:4470000001@127.0.0.1 SIP/2.0\r\n\r\n");
        assertGoodCallIsNextMessage();

        String[] mandatory = {"Call-ID", "CSeq", "Via", "From", "To"};
        for (int i = 0; i < mandatory.length; i++) {
            sendRaw(without(invite("missing" + i + "@x"), mandatory[i])); // the RI's 400 needs all five

            assertGoodCallIsNextMessage();
        }
    }

    @Test
    void unparseableRequestsWithTheirViaAreAnswered400WithTheReason() throws Exception {
        start();
        String cseqMismatch = invite("cseq@x").replace("CSeq: 1 INVITE", "CSeq: 1 BYE");
        assertEquals(400, badRequestStatus(cseqMismatch));
        assertGoodCallIsNextMessage();

        String badCSeq = invite("badcseq@x").replace("CSeq: 1 INVITE", "CSeq: one INVITE");
        RawSip.Received r = badRequest(badCSeq);
        assertTrue(r.firstLine().startsWith("SIP/2.0 400 "), r.firstLine());
        assertTrue(r.firstLine().length() > "SIP/2.0 400 Bad Request".length(), "a reason: " + r.firstLine());
        assertGoodCallIsNextMessage();

        StringBuilder vias = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            vias.append("Via: SIP/2.0/UDP 192.0.2.1:").append(5000 + i).append(";branch=z9hG4bKv").append(i)
                    .append("\r\n");
        }
        String manyVias = invite("vias@x").replaceFirst("Max-Forwards", vias + "Max-Forwards");
        r = badRequest(manyVias);
        assertTrue(r.firstLine().startsWith("SIP/2.0 400 ") && r.firstLine().contains("Via"), r.firstLine());
        assertGoodCallIsNextMessage();

        String hugeHeader = invite("huge@x").replaceFirst("Max-Forwards", "Subject: " + "x".repeat(40_000)
                + "\r\nMax-Forwards");
        r = badRequest(hugeHeader);
        assertTrue(r.firstLine().startsWith("SIP/2.0 400 ") && r.firstLine().contains("longer"), r.firstLine());
        assertGoodCallIsNextMessage();
    }

    @Test
    void aDatagramOfNearly64KilobytesAndNonUtf8BytesAreCallsAndALongerContentLengthIs400() throws Exception {
        start();
        String body = "v=0\r\n" + "a=x\r\n".repeat(12_500);
        String big = invite("big@x").replace("Content-Length: 0", "Content-Type: application/sdp\r\nContent-Length: "
                + body.length()) + body;
        sendRaw(big);
        finishGoodCall("big@x"); // valid, only big: relayed to the trunk like any call
        assertGoodCallIsNextFinal();

        byte[] latin1 = invite("latin1@x").replace("From: <sip:caller", "From: \"Fran\u00e7ois \u00ff\" <sip:caller")
                .getBytes(StandardCharsets.ISO_8859_1);
        caller.send(latin1, proxy);
        finishGoodCall("latin1@x"); // Latin-1 in a quoted display name: parsed, relayed as it came
        assertGoodCallIsNextFinal();

        String longer = invite("clen@x").replace("Content-Length: 0", "Content-Length: 500") + "v=0\r\n";
        RawSip.Received r = badRequest(longer); // RFC 3261 section 18.3: over UDP, 400
        // the reason names Content-Length, however the parser spells it ("content length", "Content-Length")
        assertTrue(r.firstLine().startsWith("SIP/2.0 400 ")
                && r.firstLine().toLowerCase().replace('-', ' ').contains("content length"), r.text());
        assertGoodCallIsNextFinal();
    }

    /** An INVITE from the caller with a fresh branch, to a routed number. */
    private String invite(String callId) {
        return caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), callId);
    }

    private static String without(String message, String header) {
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\r\n", -1)) {
            if (!line.toLowerCase().startsWith(header.toLowerCase() + ":")) {
                sb.append(line).append("\r\n");
            }
        }
        return sb.substring(0, sb.length() - 2);
    }

    private void sendRaw(String message) throws IOException {
        caller.send(message, proxy);
    }

    private void sendBytes(byte[] b) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.send(new DatagramPacket(b, b.length, proxy));
        }
        // from a socket of its own: whatever comes back is not read, the good call that follows proves the proxy up
    }

    private int badRequestStatus(String message) throws IOException {
        return badRequest(message).status();
    }

    private RawSip.Received badRequest(String message) throws IOException {
        sendRaw(message);
        RawSip.Received r = caller.receive();
        assertTrue(r.text().startsWith("SIP/2.0 "), r.firstLine());
        return r;
    }

    /** A good call right now: the caller's next message is its 100 Trying, then the trunk's 486 reaches it. */
    private void assertGoodCallIsNextMessage() throws IOException {
        String callId = "good" + (++calls) + "@x";
        sendRaw(invite(callId));
        RawSip.Received trying = caller.receive();
        assertTrue(trying.firstLine().startsWith("SIP/2.0 100") && trying.text().contains(callId),
                "expected the good call's 100 Trying, got: " + trying.text());
        finishGoodCall(callId);
    }

    /** A good call right now; earlier answers to the caller are skipped. */
    private void assertGoodCallIsNextFinal() throws IOException {
        String callId = "good" + (++calls) + "@x";
        sendRaw(invite(callId));
        finishGoodCall(callId);
    }

    private void finishGoodCall(String callId) throws IOException {
        for (int i = 0; ; i++) { // an odd but parseable INVITE before it may have reached the trunk: busy too
            RawSip.Received atTrunk = first.receiveStarting("INVITE ");
            first.send(RawSip.response(atTrunk.text(), 486, "Busy Here"), atTrunk.from());
            if (atTrunk.text().contains(callId)) {
                break;
            }
            assertTrue(i < 5, "the good call " + callId + " did not reach the trunk");
        }
        for (int i = 0; i < 20; i++) {
            RawSip.Received r = caller.receive();
            if (r.text().contains(callId) && r.firstLine().startsWith("SIP/2.0 486")) {
                return;
            }
        }
        throw new AssertionError("the good call " + callId + " got no 486");
    }
}
