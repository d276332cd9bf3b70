package io.edgegw.sipstack.message;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** A response: status code and reason phrase on top of the lazily read message. */
public final class SipResponse extends SipMessage {
    private final int status;
    private final int reasonStart;
    private final int reasonEnd;

    SipResponse(byte[] msg, int start, int startLineEnd, HeaderFields fields, int bodyStart, int bodyEnd,
                int status, int reasonStart, int reasonEnd) {
        super(msg, start, startLineEnd, fields, bodyStart, bodyEnd);
        this.status = status;
        this.reasonStart = reasonStart;
        this.reasonEnd = reasonEnd;
    }

    public int statusCode() {
        return status;
    }

    public String reasonPhrase() {
        return new String(msg, reasonStart, reasonEnd - reasonStart, StandardCharsets.UTF_8);
    }

    /** 1xx. */
    public boolean isProvisional() {
        return status < 200;
    }

    /** 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    void encodeStartLine(ByteBuf out) {
        out.writeBytes(msg, start, startLineEnd - start);
    }
}
