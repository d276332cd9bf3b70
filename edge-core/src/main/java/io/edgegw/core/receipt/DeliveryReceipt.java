package io.edgegw.core.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMPP 3.4 Appendix B delivery receipt text:
 * {@code id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...}.
 * Parsing is tolerant because carriers vary: field names in any case, extra spaces, 10- or 12-digit dates,
 * missing fields or text. Missing values are null.
 */
public record DeliveryReceipt(String id, String sub, String dlvrd, String submitDate, String doneDate,
                              String stat, String err, String text) {
    /** Receipt text is bounded like short_message; anything longer is not a receipt we can trust. */
    static final int MAX_TEXT = 1024;
    /** The two-word keys written with other than one plain space between the words; compiled once. */
    private static final Pattern SPACED_KEY = Pattern.compile("(?i)(submit|done)(?:\\s{2,}|[\\t\\n\\r\\f\\x0B])date:");
    static final String[] KEYS = {"id:", "sub:", "dlvrd:", "submit date:", "done date:", "stat:", "err:", "text:"};

    /** Parses receipt text, or returns null if it has no {@code id:} field. */
    public static DeliveryReceipt parse(byte[] payload) {
        if (payload == null) {
            return null;
        }
        return parse(new String(payload, 0, Math.min(payload.length, MAX_TEXT), StandardCharsets.ISO_8859_1));
    }

    public static DeliveryReceipt parse(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.length() > MAX_TEXT ? raw.substring(0, MAX_TEXT) : raw;
        s = collapseSpacedKeys(s);
        String lower = s.toLowerCase(Locale.ROOT);
        int[] at = new int[KEYS.length];
        for (int k = 0; k < KEYS.length; k++) {
            at[k] = find(lower, KEYS[k]);
        }
        if (at[0] < 0) {
            return null;
        }
        String[] v = new String[KEYS.length];
        for (int k = 0; k < KEYS.length; k++) {
            if (at[k] < 0) {
                continue;
            }
            int start = at[k] + KEYS[k].length();
            int end = s.length();
            if (k != KEYS.length - 1) {
                // a value ends where the next known key starts (text: runs to the end)
                for (int j = 0; j < KEYS.length; j++) {
                    if (at[j] > at[k] && at[j] < end) {
                        end = at[j];
                    }
                }
            }
            v[k] = s.substring(start, end).trim();
        }
        return new DeliveryReceipt(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    /** Runs of spaces inside the two-word keys collapsed to one, so offsets in the text and its lower case line up. */
    static String collapseSpacedKeys(String s) {
        Matcher spaced = SPACED_KEY.matcher(s);
        return spaced.find() ? spaced.replaceAll("$1 date:") : s; // rare: most carriers write them with one space
    }

    /** Position of a key that starts a word (so "id:" does not match inside "sid:"), or -1. */
    private static int find(String lower, String key) {
        int from = 0;
        while (true) {
            int i = lower.indexOf(key, from);
            if (i <= 0) {
                return i;
            }
            if (Character.isWhitespace(lower.charAt(i - 1))) {
                return i;
            }
            from = i + 1;
        }
    }

    /** Renders the standard layout; null fields become their conventional empty values. */
    public String format() {
        StringBuilder b = new StringBuilder(160);
        b.append("id:").append(id)
                .append(" sub:").append(or(sub, "001"))
                .append(" dlvrd:").append(or(dlvrd, "000"))
                .append(" submit date:").append(or(submitDate, ""))
                .append(" done date:").append(or(doneDate, ""))
                .append(" stat:").append(or(stat, "UNKNOWN"))
                .append(" err:").append(or(err, "000"))
                .append(" text:").append(or(text, ""));
        return b.toString();
    }

    public DeliveryReceipt withId(String newId) {
        return new DeliveryReceipt(newId, sub, dlvrd, submitDate, doneDate, stat, err, text);
    }

    private static String or(String v, String dflt) {
        return v == null ? dflt : v;
    }
}
