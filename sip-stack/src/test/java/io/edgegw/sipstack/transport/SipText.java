package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/** SIP messages as text, for tests; a responder that builds a 200 from a request's raw headers. */
final class SipText {
    private SipText() {
    }

    static String options(int n) {
        return "OPTIONS sip:gw@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-" + n + "\r\n"
                + "From: <sip:test@127.0.0.1>;tag=" + n + "\r\n"
                + "To: <sip:gw@127.0.0.1>\r\n"
                + "Call-ID: call-" + n + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String withBody(int n, String body) {
        return "MESSAGE sip:gw@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-m" + n + "\r\n"
                + "Call-ID: msg-" + n + "\r\n"
                + "CSeq: 1 MESSAGE\r\n"
                + "Content-Type: text/plain\r\n"
                + "l : " + body.length() + "\r\n\r\n" + body;
    }

    /** A 200 OK copying Via, From, To, Call-ID and CSeq from the request, as a UAS does (RFC 3261 8.2.6.2). */
    static String ok(String request) {
        StringBuilder out = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("via:") || lower.startsWith("v:") || lower.startsWith("from:")
                    || lower.startsWith("f:") || lower.startsWith("to:") || lower.startsWith("t:")
                    || lower.startsWith("call-id:") || lower.startsWith("i:") || lower.startsWith("cseq:")) {
                out.append(line).append("\r\n");
            }
        }
        return out.append("Content-Length: 0\r\n\r\n").toString();
    }

    static ByteBuf buf(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
