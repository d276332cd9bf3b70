package io.edgegw.core.receipt;

import java.nio.charset.StandardCharsets;

/**
 * A receipt's text read in place, in its octets: the fields {@link DeliveryReceipt#parse(byte[])} finds, found the
 * same way (the same keys in any case, each at the start of a word, a value running to the next key), but without a
 * String per field, a lower-case copy or a regular expression on the common layout; and the tenant's receipt written
 * straight into octets. Octets are ISO-8859-1 characters, as {@link DeliveryReceipt} reads them. One thread (the
 * journal's); reused from receipt to receipt.
 */
final class ReceiptText {
    private static final int ID = 0;
    private static final int SUB = 1;
    private static final int DLVRD = 2;
    private static final int SUBMIT_DATE = 3;
    private static final int DONE_DATE = 4;
    private static final int STAT = 5;
    private static final int ERR = 6;
    private static final int TEXT = 7;
    private static final byte[][] KEYS = new byte[DeliveryReceipt.KEYS.length][];

    static {
        for (int k = 0; k < KEYS.length; k++) {
            KEYS[k] = DeliveryReceipt.KEYS[k].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private final int[] at = new int[KEYS.length];
    private final int[] from = new int[KEYS.length];
    private final int[] to = new int[KEYS.length];
    private byte[] text;

    /** Reads {@code payload}; false when it is no receipt (no {@code id:} field), as {@link DeliveryReceipt} says. */
    boolean parse(byte[] payload) {
        text = null;
        if (payload == null) {
            return false;
        }
        byte[] t = payload;
        int n = Math.min(payload.length, DeliveryReceipt.MAX_TEXT);
        if (mayHaveSpacedKey(payload, n)) { // rare: two-word keys written with other than one space between
            t = DeliveryReceipt.collapseSpacedKeys(new String(payload, 0, n, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1);
            n = t.length;
        }
        findKeys(t, n);
        if (at[ID] < 0) {
            return false;
        }
        for (int k = 0; k < KEYS.length; k++) {
            if (at[k] < 0) {
                continue;
            }
            int start = at[k] + KEYS[k].length;
            int end = n;
            if (k != TEXT) {
                for (int j = 0; j < KEYS.length; j++) {
                    if (at[j] > at[k] && at[j] < end) {
                        end = at[j];
                    }
                }
            }
            while (start < end && (t[start] & 0xFF) <= ' ') { // String.trim()
                start++;
            }
            while (end > start && (t[end - 1] & 0xFF) <= ' ') {
                end--;
            }
            from[k] = start;
            to[k] = end;
        }
        text = t;
        return true;
    }

    /** The receipt's id; parsed receipts only. */
    String id() {
        return field(ID);
    }

    /** The stat field, null when absent; parsed receipts only. */
    String stat() {
        return field(STAT);
    }

    /**
     * The receipt in the standard layout with {@code newId} for its id, as octets: what
     * {@code DeliveryReceipt.parse(payload).withId(newId).format()} gives, encoded ISO-8859-1.
     */
    byte[] format(String newId) {
        byte[] out = new byte[56 + newId.length() // the keys and the spaces between them: 56 octets
                + size(SUB, "001") + size(DLVRD, "000") + size(SUBMIT_DATE, "") + size(DONE_DATE, "")
                + size(STAT, "UNKNOWN") + size(ERR, "000") + size(TEXT, "")];
        int p = put(out, 0, "id:");
        for (int i = 0; i < newId.length(); i++) {
            char c = newId.charAt(i);
            out[p++] = (byte) (c <= 0xFF ? c : '?');
        }
        p = put(out, put(out, p, " sub:"), SUB, "001");
        p = put(out, put(out, p, " dlvrd:"), DLVRD, "000");
        p = put(out, put(out, p, " submit date:"), SUBMIT_DATE, "");
        p = put(out, put(out, p, " done date:"), DONE_DATE, "");
        p = put(out, put(out, p, " stat:"), STAT, "UNKNOWN");
        p = put(out, put(out, p, " err:"), ERR, "000");
        put(out, put(out, p, " text:"), TEXT, "");
        return out;
    }

    private int size(int k, String absent) {
        return at[k] < 0 ? absent.length() : to[k] - from[k];
    }

    private String field(int k) {
        return at[k] < 0 ? null : new String(text, from[k], to[k] - from[k], StandardCharsets.ISO_8859_1);
    }

    private int put(byte[] out, int p, int k, String absent) {
        if (at[k] < 0) {
            return put(out, p, absent);
        }
        int n = to[k] - from[k];
        System.arraycopy(text, from[k], out, p, n);
        return p + n;
    }

    private static int put(byte[] out, int p, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            out[p++] = (byte) ascii.charAt(i);
        }
        return p;
    }

    /** Only whitespace other than single spaces can make a spaced key (see {@link DeliveryReceipt}'s pattern). */
    private static boolean mayHaveSpacedKey(byte[] t, int n) {
        for (int i = 0; i < n; i++) {
            byte b = t[i];
            if ((b >= '\t' && b <= '\r') || (b == ' ' && i + 1 < n && t[i + 1] == ' ')) {
                return true;
            }
        }
        return false;
    }

    /** Where each key (lower case) first starts a word of {@code t}, in any case, -1 where nowhere: in one pass. */
    private void findKeys(byte[] t, int n) {
        java.util.Arrays.fill(at, -1);
        for (int i = 0; i < n; i++) {
            if (i > 0 && !Character.isWhitespace((char) (t[i - 1] & 0xFF))) {
                continue;
            }
            for (int k = 0; k < KEYS.length; k++) {
                if (at[k] < 0 && i + KEYS[k].length <= n && matches(t, i, KEYS[k])) {
                    at[k] = i;
                }
            }
        }
    }

    private static boolean matches(byte[] t, int i, byte[] key) {
        for (int j = 0; j < key.length; j++) {
            byte k = key[j];
            byte b = t[i + j];
            if (b != k && !(k >= 'a' && k <= 'z' && b == k - 32)) {
                return false;
            }
        }
        return true;
    }
}
