package io.edgegw.simulator.load;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields a load generator needs from a receipt's SMPP 3.4 Appendix B text ("id:… sub:… stat:DELIVRD …")
 * on its octets, without turning the whole text into a String. The usual stat values come back as constants.
 */
final class ReceiptText {
    private static final byte[] ID = ascii("id:");
    private static final byte[] STAT = ascii("stat:");
    /** The message states of Appendix B, so counting them by name allocates nothing. */
    private static final String[] STATES = {"DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN",
            "REJECTD", "ENROUTE"};
    private static final byte[][] STATE_OCTETS = java.util.Arrays.stream(STATES).map(ReceiptText::ascii)
            .toArray(byte[][]::new);

    private ReceiptText() {
    }

    /** The value after "stat:" up to the next space; "" when absent. */
    static String stat(byte[] text) {
        int start = valueStart(text, STAT);
        if (start < 0) {
            return "";
        }
        int end = valueEnd(text, start);
        for (int i = 0; i < STATE_OCTETS.length; i++) {
            if (equals(text, start, end, STATE_OCTETS[i])) {
                return STATES[i];
            }
        }
        return new String(text, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** The value after "id:" up to the next space; "" when absent. */
    static String id(byte[] text) {
        int start = valueStart(text, ID);
        return start < 0 ? "" : new String(text, start, valueEnd(text, start) - start, StandardCharsets.ISO_8859_1);
    }

    private static int valueStart(byte[] text, byte[] name) {
        outer:
        for (int i = 0; i + name.length <= text.length; i++) {
            for (int j = 0; j < name.length; j++) {
                if (text[i + j] != name[j]) {
                    continue outer;
                }
            }
            return i + name.length;
        }
        return -1;
    }

    private static int valueEnd(byte[] text, int start) {
        int end = start;
        while (end < text.length && text[end] != ' ') {
            end++;
        }
        return end;
    }

    private static boolean equals(byte[] text, int start, int end, byte[] value) {
        if (end - start != value.length) {
            return false;
        }
        for (int i = 0; i < value.length; i++) {
            if (text[start + i] != value[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
