package io.edgegw.sipstack.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A SIP message read lazily: the parser indexed its lines; typed values are read from the bytes when asked. Edits
 * touch only the fields they name, and {@link #encode(ByteBuf)} copies every untouched line as received. Not
 * thread-safe: a message belongs to the one worker handling its call.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    final byte[] msg;
    final int start;
    final int startLineEnd;
    final HeaderFields fields;
    private final int bodyStart;
    private final int bodyEnd;
    private byte[] newBody;
    private boolean edited;
    private Via topVia;
    private CSeq cseq;
    private String callId;

    SipMessage(byte[] msg, int start, int startLineEnd, HeaderFields fields, int bodyStart, int bodyEnd) {
        this.msg = msg;
        this.start = start;
        this.startLineEnd = startLineEnd;
        this.fields = fields;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
    }

    public String callId() {
        if (callId == null) {
            callId = header(HeaderNames.CALL_ID);
        }
        return callId;
    }

    /** The Call-ID's hash, read from the bytes without making a String; equals {@code callId().hashCode()}. */
    public int callIdHash() {
        int i = fields.first(HeaderNames.CALL_ID);
        if (callId != null || i < 0 || !fields.isOriginal(i)) {
            return callId == null ? 0 : callId.hashCode();
        }
        byte[] b = fields.array(i);
        int h = 0;
        int end = fields.valueEnd(i);
        for (int k = fields.valueStart(i); k < end; k++) {
            if (b[k] < ' ') {
                return callId().hashCode(); // not ASCII, or folded: let String decode it
            }
            h = 31 * h + b[k];
        }
        return h;
    }

    public CSeq cseq() {
        if (cseq == null) {
            int i = fields.first(HeaderNames.CSEQ);
            cseq = i < 0 ? null : CSeq.parse(fields.array(i), fields.valueStart(i), fields.valueEnd(i));
        }
        return cseq;
    }

    /** The first Via value, or null when an edit left none (the parser refuses a message without one). */
    public Via topVia() {
        if (topVia == null) {
            int i = fields.first(HeaderNames.VIA);
            if (i >= 0) {
                String v = fields.value(i);
                int comma = Ascii.indexOutside(v, ',', 0);
                topVia = Via.parse(comma < 0 ? v : v.substring(0, comma));
            }
        }
        return topVia;
    }

    /** Every Via value in order, comma-separated ones included; values that do not parse are left out. */
    public List<Via> vias() {
        List<Via> out = new ArrayList<>(4);
        for (int i = fields.first(HeaderNames.VIA); i >= 0; i = fields.next(HeaderNames.VIA, i)) {
            String v = fields.value(i);
            for (int from = 0; from <= v.length(); ) {
                int comma = Ascii.indexOutside(v, ',', from);
                Via via = Via.parse(v.substring(from, comma < 0 ? v.length() : comma));
                if (via != null) {
                    out.add(via);
                }
                if (comma < 0) {
                    break;
                }
                from = comma + 1;
            }
        }
        return out;
    }

    public NameAddr from() {
        String v = header(HeaderNames.FROM);
        return v == null ? null : NameAddr.parse(v);
    }

    public NameAddr to() {
        String v = header(HeaderNames.TO);
        return v == null ? null : NameAddr.parse(v);
    }

    public List<NameAddr> routes() {
        return nameAddrs(HeaderNames.ROUTE);
    }

    public List<NameAddr> recordRoutes() {
        return nameAddrs(HeaderNames.RECORD_ROUTE);
    }

    public List<NameAddr> contacts() {
        return nameAddrs(HeaderNames.CONTACT);
    }

    /** Max-Forwards, or -1 when absent (the parser refuses values outside 0 to 255). */
    public int maxForwards() {
        int i = fields.first(HeaderNames.MAX_FORWARDS);
        if (i < 0) {
            return -1;
        }
        byte[] b = fields.array(i);
        return (int) Ascii.parseNumber(b, fields.valueStart(i), Ascii.trimEnd(b, fields.valueStart(i), fields.valueEnd(i)));
    }

    public String contentType() {
        return header(HeaderNames.CONTENT_TYPE);
    }

    /** The body's length in bytes (what Content-Length says, once written). */
    public int bodyLength() {
        return newBody != null ? newBody.length : bodyEnd - bodyStart;
    }

    /** A copy of the body. */
    public byte[] body() {
        if (newBody != null) {
            return newBody.clone();
        }
        byte[] out = new byte[bodyEnd - bodyStart];
        System.arraycopy(msg, bodyStart, out, 0, out.length);
        return out;
    }

    public String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** The first field called name (long or compact, any case), unfolded; null when there is none. */
    public String header(String name) {
        int i = fields.first(HeaderNames.code(name), HeaderNames.canonical(name));
        return i < 0 ? null : fields.value(i);
    }

    /** Every field called name, one String per field line (comma-separated values are not split). */
    public List<String> headers(String name) {
        byte code = HeaderNames.code(name);
        String canonical = HeaderNames.canonical(name);
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.is(i, code, canonical)) {
                out.add(fields.value(i));
            }
        }
        return out;
    }

    /** Every field as "Name: value" with long names, in order: for logs and tests, not the hot path. */
    public List<String> headerLines() {
        List<String> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            out.add(fields.name(i) + ": " + fields.value(i));
        }
        return Collections.unmodifiableList(out);
    }

    // ---- edits (RFC 3261 section 16.6 and what a UA adds) ----

    /** Adds v above every other Via. */
    public void prependVia(Via v) {
        int i = fields.first(HeaderNames.VIA);
        fields.insert(Math.max(i, 0), HeaderNames.VIA, null, v.toString());
        topVia = v;
        edited = true;
    }

    /** Removes the first Via value (a response passing back through its proxy); false when there was none. */
    public boolean removeTopVia() {
        topVia = null;
        return removeFirstValue(HeaderNames.VIA);
    }

    /** Adds a Record-Route value above the others (or as the first header field when there are none). */
    public void prependRecordRoute(NameAddr route) {
        int i = fields.first(HeaderNames.RECORD_ROUTE);
        fields.insert(Math.max(i, 0), HeaderNames.RECORD_ROUTE, null, route.toString());
        edited = true;
    }

    /** Removes the first Route value (the proxy's own, RFC 3261 16.4); false when there was none. */
    public boolean removeFirstRoute() {
        return removeFirstValue(HeaderNames.ROUTE);
    }

    /** Replaces every field called name by one with this value, in the first one's place (else last). */
    public void setHeader(String name, String value) {
        byte code = checkEditable(name);
        String canonical = HeaderNames.canonical(name);
        int i = fields.first(code, canonical);
        if (i < 0) {
            fields.insert(fields.size(), code, canonical, value);
        } else {
            fields.replace(i, value);
            for (int k = fields.size() - 1; k > i; k--) {
                if (fields.is(k, code, canonical)) {
                    fields.remove(k);
                }
            }
        }
        touched(code);
    }

    /** Adds a field after the last one of that name, else at the end. */
    public void addHeader(String name, String value) {
        byte code = checkEditable(name);
        String canonical = HeaderNames.canonical(name);
        int last = fields.last(code, canonical);
        fields.insert(last < 0 ? fields.size() : last + 1, code, canonical, value);
        touched(code);
    }

    /** Removes every field called name; returns how many there were. */
    public int removeHeader(String name) {
        byte code = checkEditable(name);
        String canonical = HeaderNames.canonical(name);
        int removed = 0;
        for (int k = fields.size() - 1; k >= 0; k--) {
            if (fields.is(k, code, canonical)) {
                fields.remove(k);
                removed++;
            }
        }
        touched(code);
        return removed;
    }

    /** Replaces the body and its Content-Type (null type: none), and writes Content-Length to match. */
    public void setBody(String contentType, byte[] body) {
        newBody = body.clone();
        if (contentType == null) {
            removeHeader(HeaderNames.name(HeaderNames.CONTENT_TYPE));
        } else {
            setHeader(HeaderNames.name(HeaderNames.CONTENT_TYPE), contentType);
        }
        int i = fields.first(HeaderNames.CONTENT_LENGTH);
        String length = Integer.toString(newBody.length);
        if (i < 0) {
            fields.insert(fields.size(), HeaderNames.CONTENT_LENGTH, null, length);
        } else {
            fields.replace(i, length);
        }
        edited = true;
    }

    // ---- encoding ----

    /** Writes the message: untouched lines copied as received, edited ones written anew, Content-Length right. */
    public void encode(ByteBuf out) {
        if (!edited && fields.first(HeaderNames.CONTENT_LENGTH) >= 0) {
            out.writeBytes(msg, start, bodyEnd - start);
            return;
        }
        encodeStartLine(out);
        fields.encode(out);
        if (fields.first(HeaderNames.CONTENT_LENGTH) < 0) {
            HeaderFields.writeAscii(out, HeaderNames.name(HeaderNames.CONTENT_LENGTH));
            out.writeBytes(Ascii.COLON_SP);
            HeaderFields.writeAscii(out, Integer.toString(bodyLength()));
            out.writeBytes(Ascii.CRLF);
        }
        out.writeBytes(Ascii.CRLF);
        if (newBody != null) {
            out.writeBytes(newBody);
        } else {
            out.writeBytes(msg, bodyStart, bodyEnd - bodyStart);
        }
    }

    public byte[] toByteArray() {
        ByteBuf out = Unpooled.buffer(bodyEnd - start + 256);
        encode(out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** The message as it would be sent, for logs and tests. */
    @Override
    public String toString() {
        return new String(toByteArray(), StandardCharsets.UTF_8);
    }

    abstract void encodeStartLine(ByteBuf out);

    void markEdited() {
        edited = true;
    }

    String header(byte code) {
        int i = fields.first(code);
        return i < 0 ? null : fields.value(i).trim();
    }

    private List<NameAddr> nameAddrs(byte code) {
        List<NameAddr> out = new ArrayList<>(2);
        for (int i = fields.first(code); i >= 0; i = fields.next(code, i)) {
            NameAddr.parseList(fields.value(i), out);
        }
        return out;
    }

    private boolean removeFirstValue(byte code) {
        int i = fields.first(code);
        if (i < 0) {
            return false;
        }
        String v = fields.value(i);
        int comma = Ascii.indexOutside(v, ',', 0);
        if (comma < 0 || v.substring(comma + 1).isBlank()) {
            fields.remove(i);
        } else {
            fields.replace(i, v.substring(comma + 1).trim());
        }
        edited = true;
        return true;
    }

    private static byte checkEditable(String name) {
        byte code = HeaderNames.code(name);
        if (code == HeaderNames.CONTENT_LENGTH) {
            throw new IllegalArgumentException("Content-Length follows the body: use setBody");
        }
        return code;
    }

    private void touched(byte code) {
        edited = true;
        if (code == HeaderNames.VIA) {
            topVia = null;
        } else if (code == HeaderNames.CSEQ) {
            cseq = null;
        } else if (code == HeaderNames.CALL_ID) {
            callId = null;
        }
    }
}
