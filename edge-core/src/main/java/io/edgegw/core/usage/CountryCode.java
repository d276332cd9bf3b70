package io.edgegw.core.usage;

/**
 * The E.164 country code a number in international form starts with (ITU-T E.164 annex to Operational Bulletin
 * 1215): 1 (NANP) and 7 are the one-digit codes; the two-digit ones are listed; every other known zone is three
 * digits. A number that is not international (a short code, a national number) gets a code all the same: the caller
 * decides what its digits are (destinations are normalised to E.164 by the address rules when a tenant has them).
 */
public final class CountryCode {
    /** Two-digit codes, by their digits: 20, 27, 30-34, 36, 39, 40-41, 43-49, 51-58, 60-66, 81-82, 84, 86, 90-95, 98. */
    private static final boolean[] TWO_DIGITS = new boolean[100];
    /** Each code's String, by its value: handed out, not cut from the number each time (usage reader, per event). */
    private static final String[] CODES = new String[1000];

    static {
        for (int c = 0; c < CODES.length; c++) {
            CODES[c] = Integer.toString(c).intern();
        }
        int[] codes = {20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56,
            57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98};
        for (int c : codes) {
            TWO_DIGITS[c] = true;
        }
    }

    private CountryCode() {
    }

    /** The country code {@code digits} (an E.164 number without '+') starts with; "" when too short or not digits. */
    public static String of(String digits) {
        if (digits == null || digits.isEmpty() || !isDigit(digits.charAt(0)) || digits.charAt(0) == '0') {
            return "";
        }
        char first = digits.charAt(0);
        if (first == '1' || first == '7') {
            return CODES[first - '0'];
        }
        if (digits.length() < 2 || !isDigit(digits.charAt(1))) {
            return "";
        }
        int two = (first - '0') * 10 + digits.charAt(1) - '0';
        if (TWO_DIGITS[two]) {
            return CODES[two];
        }
        return digits.length() >= 3 && isDigit(digits.charAt(2)) ? CODES[two * 10 + digits.charAt(2) - '0'] : "";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
