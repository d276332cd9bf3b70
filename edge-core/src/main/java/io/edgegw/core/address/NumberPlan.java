package io.edgegw.core.address;

/**
 * How a tenant writes phone numbers, to turn them into E.164 digits (country code first, no '+'): what routing by
 * prefix and the carriers see. A number written {@code +CC...} or {@code <internationalPrefix>CC...} is international
 * whatever its TON; a national one ({@code <nationalPrefix>...} with TON 0 or 2, or any TON 2 number without it)
 * gets {@code countryCode} in front.
 *
 * @param countryCode         digits put in front of a national number; empty: national numbers are left as written
 * @param nationalPrefix      the trunk prefix a national number starts with (e.g. "0"); empty: none
 * @param internationalPrefix what dialling abroad starts with (e.g. "00"); empty: only '+' marks one
 */
public record NumberPlan(String countryCode, String nationalPrefix, String internationalPrefix) {
    /** E.164 (ITU-T): at most 15 digits; fewer than 7 is no international number anywhere. */
    public static final int E164_MIN_DIGITS = 7;
    public static final int E164_MAX_DIGITS = 15;
    /** SMPP 3.4 addresses are at most 20 characters (21 octets with the NUL); longer is never looked at. */
    public static final int ADDRESS_MAX = 20;
    /** No country: only '+' and "00" come off, national numbers stay as written. */
    public static final NumberPlan INTERNATIONAL_ONLY = new NumberPlan("", "", "00");

    public NumberPlan {
        if (!Ton.isDigits(countryCode) || !Ton.isDigits(nationalPrefix) || !Ton.isDigits(internationalPrefix)) {
            throw new IllegalArgumentException("country code and prefixes must be digits");
        }
    }

    /**
     * The number of TON 0, 1 or 2 as digits: its E.164 form when it is or can be made international (7-15 digits),
     * or, for a TON 0 number without prefix or a national one with no {@code countryCode}, the digits as written
     * (1-15). Returns {@code address} itself when nothing changes, so the caller knows not to copy; null when the
     * address is not such a number (empty, too long, not digits).
     */
    public String normalise(byte ton, String address) {
        int n = address.length();
        if (n == 0 || n > ADDRESS_MAX) {
            return null;
        }
        String digits;
        boolean international = true;
        if (address.charAt(0) == '+') {
            digits = address.substring(1);
        } else if (!internationalPrefix.isEmpty() && address.startsWith(internationalPrefix)) {
            digits = address.substring(internationalPrefix.length());
        } else if (ton == Ton.INTERNATIONAL) {
            digits = address;
        } else if (!countryCode.isEmpty() && !nationalPrefix.isEmpty() && address.startsWith(nationalPrefix)) {
            digits = countryCode + address.substring(nationalPrefix.length());
        } else if (!countryCode.isEmpty() && ton == Ton.NATIONAL) {
            digits = countryCode + address;
        } else {
            digits = address; // TON 0 without prefix: taken as written (already international, or a short code)
            international = false;
        }
        int min = international ? E164_MIN_DIGITS : 1;
        if (digits.length() < min || digits.length() > E164_MAX_DIGITS || !Ton.isDigits(digits)) {
            return null;
        }
        return digits;
    }
}
