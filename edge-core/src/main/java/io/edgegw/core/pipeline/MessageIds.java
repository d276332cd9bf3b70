package io.edgegw.core.pipeline;

/**
 * Gateway message ids: {@code millis << 20 | counter}, strictly increasing within a process even when more than
 * one id is issued per millisecond, and unique across restarts because a restart begins at a later millisecond
 * (unless over 2^20 ids per ms ran ahead of the clock). Rendered as 16 lowercase hex digits, well inside
 * SMPP's 65-octet message_id. Single-threaded: only the journal thread issues ids.
 */
public final class MessageIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private long last;

    public long next(long nowMillis) {
        long candidate = nowMillis << 20;
        last = candidate > last ? candidate : last + 1;
        return last;
    }

    public static String render(long id) {
        char[] c = new char[16];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (id & 0xF)];
            id >>>= 4;
        }
        return new String(c);
    }

    public static long parse(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }
}
