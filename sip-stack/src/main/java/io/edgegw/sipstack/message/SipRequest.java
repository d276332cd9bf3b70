package io.edgegw.sipstack.message;

import gov.nist.javax.sip.SIPConstants;
import io.netty.buffer.ByteBuf;
import javax.sip.header.MaxForwardsHeader;

import java.nio.charset.StandardCharsets;

/** A request: method and Request-URI on top of the lazily read message. */
public final class SipRequest extends SipMessage {
    /** RFC 3261 section 8.1.1.6: what a request starts with, and what a proxy adds when there is none (16.6 step 3). */
    public static final int DEFAULT_MAX_FORWARDS = 70;

    private final String method;
    private final int uriStart;
    private final int uriEnd;
    private String uriText;
    private SipUri uri;
    private boolean uriEdited;

    SipRequest(byte[] msg, int start, int startLineEnd, HeaderFields fields, int bodyStart, int bodyEnd,
               String method, int uriStart, int uriEnd) {
        super(msg, start, startLineEnd, fields, bodyStart, bodyEnd);
        this.method = method;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
    }

    /** The method; the JAIN-SIP constant for known ones, so {@code ==} against Request.INVITE holds. */
    public String method() {
        return method;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    /** The Request-URI as written (any scheme). */
    public String requestUriText() {
        if (uriText == null) {
            uriText = new String(msg, uriStart, uriEnd - uriStart, StandardCharsets.UTF_8);
        }
        return uriText;
    }

    /** The Request-URI when it is a sip: or sips: URI, else null. */
    public SipUri requestUri() {
        if (uri == null) {
            uri = SipUri.tryParse(requestUriText());
        }
        return uri;
    }

    public void setRequestUri(SipUri newUri) {
        uri = newUri;
        uriText = newUri.toString();
        uriEdited = true;
        markEdited();
    }

    /**
     * RFC 3261 section 16.6 step 3: one less, or {@link #DEFAULT_MAX_FORWARDS} added when absent. Returns the new
     * value. A request at 0 must not reach here: the proxy answers it 483 (16.3 step 2).
     */
    public int decrementMaxForwards() {
        int mf = maxForwards();
        if (mf == 0) {
            throw new IllegalStateException("Max-Forwards is 0: answer 483 rather than forward");
        }
        int next = mf < 0 ? DEFAULT_MAX_FORWARDS : mf - 1;
        setMaxForwards(next);
        return next;
    }

    public void setMaxForwards(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("Max-Forwards out of 0-255: " + value);
        }
        setHeader(MaxForwardsHeader.NAME, Integer.toString(value));
    }

    @Override
    void encodeStartLine(ByteBuf out) {
        if (!uriEdited) {
            out.writeBytes(msg, start, startLineEnd - start);
            return;
        }
        HeaderFields.writeAscii(out, method);
        out.writeByte(' ');
        out.writeCharSequence(uriText, StandardCharsets.UTF_8);
        out.writeByte(' ');
        HeaderFields.writeAscii(out, SIPConstants.SIP_VERSION_STRING);
        out.writeBytes(Ascii.CRLF);
    }
}
