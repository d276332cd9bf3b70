package io.edgegw.core.address;

/**
 * The type-of-number values the address rules read (GSM 03.40 / SMPP 3.4 section 5.2.5), and the one numbering plan
 * they write. The core does not depend on jSMPP, so they live here once.
 */
public final class Ton {
    public static final byte UNKNOWN = 0;
    public static final byte INTERNATIONAL = 1;
    public static final byte NATIONAL = 2;
    public static final byte NETWORK_SPECIFIC = 3;
    public static final byte ALPHANUMERIC = 5;
    /** NPI 1, ISDN (E.163/E.164): what a destination rewritten to E.164 goes on with. */
    public static final byte NPI_ISDN = 1;

    private Ton() {
    }

    /** Digits 0-9 only (an empty text is not refused here). */
    static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
