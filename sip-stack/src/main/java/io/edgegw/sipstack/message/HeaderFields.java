package io.edgegw.sipstack.message;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * The header fields of one message in order, as offsets into the received bytes. A field the parser indexed is an
 * original and is written back by copying its line; a field added or replaced by an edit carries its own bytes and
 * is written anew. Edits shift the small arrays (a message has at most a few hundred fields), nothing else moves.
 */
final class HeaderFields {
    private static final int LINE = 0;
    private static final int NAME_END = 1;
    private static final int VALUE = 2;
    private static final int VALUE_END = 3;
    private static final int LINE_END = 4;
    private static final int STRIDE = 5;

    private final byte[] msg;
    private int count;
    private int[] pos;
    private byte[] codes;
    /** Per field, the bytes its value lies in when it is not the received message; null until the first edit. */
    private byte[][] own;
    /** Per field, the name of a written field whose code is OTHER; null until such a field is added. */
    private String[] names;

    HeaderFields(byte[] msg, int capacity) {
        this.msg = msg;
        this.pos = new int[capacity * STRIDE];
        this.codes = new byte[capacity];
    }

    void addOriginal(byte code, int lineStart, int nameEnd, int valueStart, int valueEnd, int lineEnd) {
        ensure(count + 1);
        int p = count * STRIDE;
        pos[p + LINE] = lineStart;
        pos[p + NAME_END] = nameEnd;
        pos[p + VALUE] = valueStart;
        pos[p + VALUE_END] = valueEnd;
        pos[p + LINE_END] = lineEnd;
        codes[count++] = code;
    }

    int size() {
        return count;
    }

    byte code(int i) {
        return codes[i];
    }

    boolean isOriginal(int i) {
        return pos[i * STRIDE + LINE] >= 0;
    }

    /** The bytes holding field i's value, between {@link #valueStart(int)} and {@link #valueEnd(int)}. */
    byte[] array(int i) {
        return own == null || own[i] == null ? msg : own[i];
    }

    int valueStart(int i) {
        return pos[i * STRIDE + VALUE];
    }

    int valueEnd(int i) {
        return pos[i * STRIDE + VALUE_END];
    }

    String value(int i) {
        return Ascii.value(array(i), valueStart(i), valueEnd(i));
    }

    /** The field's name, long form: compact forms as their long names, known names as JAIN-SIP spells them. */
    String name(int i) {
        if (codes[i] != HeaderNames.OTHER) {
            return HeaderNames.name(codes[i]);
        }
        if (!isOriginal(i)) {
            return names[i];
        }
        int start = pos[i * STRIDE + LINE];
        int end = pos[i * STRIDE + NAME_END];
        String compact = end - start == 1 ? HeaderNames.compact(msg[start]) : null;
        return compact != null ? compact : new String(msg, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Whether field i is called name (long form given by the caller, any case) whose code is code. */
    boolean is(int i, byte code, String name) {
        if (code != HeaderNames.OTHER || codes[i] != HeaderNames.OTHER) {
            return codes[i] == code;
        }
        if (!isOriginal(i)) {
            return names[i].equalsIgnoreCase(name);
        }
        int start = pos[i * STRIDE + LINE];
        int end = pos[i * STRIDE + NAME_END];
        if (end - start == 1) {
            String compact = HeaderNames.compact(msg[start]);
            return compact != null ? compact.equalsIgnoreCase(name) : Ascii.equalsIgnoreCase(msg, start, end, name);
        }
        return Ascii.equalsIgnoreCase(msg, start, end, name);
    }

    int first(byte code) {
        return next(code, -1);
    }

    int next(byte code, int after) {
        for (int i = after + 1; i < count; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    int last(byte code, String name) {
        for (int i = count - 1; i >= 0; i--) {
            if (is(i, code, name)) {
                return i;
            }
        }
        return -1;
    }

    int first(byte code, String name) {
        for (int i = 0; i < count; i++) {
            if (is(i, code, name)) {
                return i;
            }
        }
        return -1;
    }

    /** Inserts a field written anew before position at (count appends). */
    void insert(int at, byte code, String name, String value) {
        ensure(count + 1);
        editable();
        System.arraycopy(pos, at * STRIDE, pos, (at + 1) * STRIDE, (count - at) * STRIDE);
        System.arraycopy(codes, at, codes, at + 1, count - at);
        System.arraycopy(own, at, own, at + 1, count - at);
        System.arraycopy(names, at, names, at + 1, count - at);
        count++;
        codes[at] = code;
        names[at] = code == HeaderNames.OTHER ? name : null;
        write(at, value);
    }

    /** Gives field i a new value, written anew; its name and place stay. */
    void replace(int i, String value) {
        editable();
        if (codes[i] == HeaderNames.OTHER && names[i] == null) {
            names[i] = name(i);
        }
        write(i, value);
    }

    void remove(int i) {
        editable();
        System.arraycopy(pos, (i + 1) * STRIDE, pos, i * STRIDE, (count - i - 1) * STRIDE);
        System.arraycopy(codes, i + 1, codes, i, count - i - 1);
        System.arraycopy(own, i + 1, own, i, count - i - 1);
        System.arraycopy(names, i + 1, names, i, count - i - 1);
        count--;
        own[count] = null;
        names[count] = null;
    }

    /** Originals copied as received; the rest as name, colon, space, value. */
    void encode(ByteBuf out) {
        for (int i = 0; i < count; i++) {
            encode(i, out);
        }
    }

    /** Field i's line: an original copied as received (its name as written, folding kept), else written anew. */
    void encode(int i, ByteBuf out) {
        int p = i * STRIDE;
        if (pos[p + LINE] >= 0) {
            out.writeBytes(msg, pos[p + LINE], pos[p + LINE_END] - pos[p + LINE]);
        } else {
            writeAscii(out, name(i));
            out.writeBytes(Ascii.COLON_SP);
            out.writeBytes(own[i], pos[p + VALUE], pos[p + VALUE_END] - pos[p + VALUE]);
            out.writeBytes(Ascii.CRLF);
        }
    }

    static void writeAscii(ByteBuf out, String s) {
        out.writeCharSequence(s, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void write(int i, String value) {
        byte[] v = Ascii.bytes(value);
        own[i] = v;
        int p = i * STRIDE;
        pos[p + LINE] = -1;
        pos[p + NAME_END] = -1;
        pos[p + VALUE] = 0;
        pos[p + VALUE_END] = v.length;
        pos[p + LINE_END] = -1;
    }

    private void editable() {
        if (own == null) {
            own = new byte[codes.length][];
            names = new String[codes.length];
        }
    }

    private void ensure(int n) {
        if (n <= codes.length) {
            return;
        }
        int capacity = Math.max(n, codes.length * 2);
        pos = Arrays.copyOf(pos, capacity * STRIDE);
        codes = Arrays.copyOf(codes, capacity);
        if (own != null) {
            own = Arrays.copyOf(own, capacity);
            names = Arrays.copyOf(names, capacity);
        }
    }
}
