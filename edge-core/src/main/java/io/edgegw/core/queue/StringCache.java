package io.edgegw.core.queue;

import net.openhft.chronicle.bytes.BytesIn;

import java.nio.charset.StandardCharsets;

/**
 * Strings a reader meets again and again in records (tenant and carrier ids, alphabet names, country codes), handed out
 * without a new String each time: a fixed table, each string in one slot by a hash of its octets, a miss reads a new
 * one into the slot. Bounded whatever the records hold; strings longer than {@link #MAX_LENGTH} are not kept. One
 * thread's.
 */
public final class StringCache {
    /** Longer strings (destinations, ids seen once) are read as usual, never kept. */
    public static final int MAX_LENGTH = 32;
    private final String[] slots;
    private final int mask;

    /** A table of {@code 2^bits} strings. */
    public StringCache(int bits) {
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("bits " + bits);
        }
        slots = new String[1 << bits];
        mask = slots.length - 1;
    }

    /** The next {@code length} octets of {@code in} as a Latin-1 string, read past; the one kept when they match. */
    public String read(BytesIn<?> in, int length) {
        if (length > MAX_LENGTH) {
            return readNew(in, length);
        }
        long at = in.readPosition();
        int h = length;
        for (int k = 0; k < length; k++) {
            h = 31 * h + in.peekUnsignedByte(at + k);
        }
        int slot = (h ^ h >>> 16) & mask;
        String kept = slots[slot];
        if (kept != null && kept.length() == length && same(in, at, kept)) {
            in.readSkip(length);
            return kept;
        }
        String s = readNew(in, length);
        slots[slot] = s;
        return s;
    }

    private static boolean same(BytesIn<?> in, long at, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (in.peekUnsignedByte(at + k) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static String readNew(BytesIn<?> in, int length) {
        byte[] octets = new byte[length];
        in.read(octets);
        return new String(octets, StandardCharsets.ISO_8859_1);
    }
}
