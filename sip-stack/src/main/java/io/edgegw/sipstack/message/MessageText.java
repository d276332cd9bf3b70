package io.edgegw.sipstack.message;

import gov.nist.javax.sip.SIPConstants;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/** The text of a message a builder writes, then read back by the parser so it is a message like any other. */
final class MessageText {
    private final ByteBuf out = Unpooled.buffer(512);

    MessageText requestLine(String method, String uri) {
        ascii(method).ascii(" ").text(uri).ascii(" ").ascii(SIPConstants.SIP_VERSION_STRING).crlf();
        return this;
    }

    MessageText statusLine(int status, String reason) {
        ascii(SIPConstants.SIP_VERSION_STRING).ascii(" ").ascii(Integer.toString(status)).ascii(" ")
                .text(oneLine(reason)).crlf();
        return this;
    }

    MessageText header(String name, String value) {
        ascii(name).ascii(": ").text(oneLine(value)).crlf();
        return this;
    }

    /** Copies field i of m as it is there. */
    MessageText field(SipMessage m, int i) {
        m.fields.encode(i, out);
        return this;
    }

    /** Content-Length (and Content-Type when there is a body), the empty line, the body. */
    MessageText body(String contentType, byte[] body) {
        if (body != null && body.length > 0 && contentType != null) {
            header(HeaderNames.name(HeaderNames.CONTENT_TYPE), contentType);
        }
        header(HeaderNames.name(HeaderNames.CONTENT_LENGTH), Integer.toString(body == null ? 0 : body.length));
        crlf();
        if (body != null) {
            out.writeBytes(body);
        }
        return this;
    }

    <T extends SipMessage> T parse(Class<T> type) {
        return parse(type, false);
    }

    /** cseqAsReceived: a response copying the CSeq of a request whose CSeq could not be read. */
    <T extends SipMessage> T parse(Class<T> type, boolean cseqAsReceived) {
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        try {
            return type.cast(cseqAsReceived ? SipParser.parseAnswerToUnreadableCSeq(bytes) : SipParser.parse(bytes));
        } catch (SipParseException e) {
            // the builders write only what they read from parsed messages or were given as typed values
            throw new IllegalArgumentException("built an unreadable message: " + e.reason(), e);
        }
    }

    private MessageText ascii(String s) {
        out.writeCharSequence(s, StandardCharsets.US_ASCII);
        return this;
    }

    private MessageText text(String s) {
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        return this;
    }

    private void crlf() {
        out.writeBytes(Ascii.CRLF);
    }

    /** A caller's text never starts a new line of ours. */
    private static String oneLine(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace('\r', ' ').replace('\n', ' ');
    }
}
