package io.edgegw.core.address;

import java.util.regex.Pattern;

/**
 * One allowed kind of sender id: its type and a pattern the whole id must match (compiled once, at load). The id is
 * bounded before it is matched (11 characters, 8 digits, 15 digits), so no sender can make matching slow.
 */
public record SenderRule(Type type, Pattern pattern) {
    /** Longest sender id of each type: GSM 03.40 alphanumeric ids are 11 characters; short codes 3-8 digits. */
    public static final int ALPHANUMERIC_MAX = 11;
    public static final int SHORTCODE_MIN = 3;
    public static final int SHORTCODE_MAX = 8;

    public enum Type {
        /** Source TON 5, 1-11 characters of the GSM basic alphabet found in ASCII. */
        ALPHANUMERIC,
        /** Source TON 3 or 0, 3-8 digits. */
        SHORTCODE,
        /** Source TON 1, 2 or 0, matched as E.164 digits after the tenant's number plan (7-15 digits). */
        NUMBER
    }

    /** Whether this id, already of the rule's type and bounded, matches the whole pattern. */
    boolean matches(String id) {
        return pattern.matcher(id).matches();
    }

    /** Letters, digits, space, punctuation of the GSM 03.38 basic alphabet (not ` [ \ ] ^ { | } ~: escapes there). */
    static boolean isAlphanumericId(String id) {
        if (id.isEmpty() || id.length() > ALPHANUMERIC_MAX) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < ' ' || c >= '{' || c == '`' || c == '[' || c == '\\' || c == ']' || c == '^') {
                return false;
            }
        }
        return true;
    }

    static boolean isShortCode(String id) {
        return id.length() >= SHORTCODE_MIN && id.length() <= SHORTCODE_MAX && Ton.isDigits(id);
    }
}
