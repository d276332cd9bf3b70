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
    private final byte[] scratch = new byte[MAX_LENGTH];

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
        byte[] octets = scratch;
        in.read(octets, 0, length); // one bulk copy: cheaper than peeking octet by octet
        int h = length;
        for (int k = 0; k < length; k++) {
            h = 31 * h + (octets[k] & 0xFF);
        }
        int slot = (h ^ h >>> 16) & mask;
        String kept = slots[slot];
        if (kept != null && kept.length() == length && same(octets, kept)) {
            return kept;
        }
        String s = new String(octets, 0, length, StandardCharsets.ISO_8859_1);
        slots[slot] = s;
        return s;
    }

    private static boolean same(byte[] octets, String s) {
        for (int k = 0; k < s.length(); k++) {
            if ((octets[k] & 0xFF) != s.charAt(k)) {
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
