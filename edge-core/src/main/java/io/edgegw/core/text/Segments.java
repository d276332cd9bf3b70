package io.edgegw.core.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Segments: how many SMS a text takes, and its cut into parts. One segment's user data is 140 octets (TS 23.040
 * §9.2.3.16), less the user data header a part carries. Counted per alphabet ({@link #capacity}):
 * <table>
 * <caption>characters per segment</caption>
 * <tr><th>alphabet</th><th>single</th><th>part, 8-bit ref (6-octet UDH)</th><th>part, 16-bit ref (7-octet UDH)</th></tr>
 * <tr><td>GSM 7-bit, IA5 (septets)</td><td>160</td><td>153</td><td>152</td></tr>
 * <tr><td>UCS-2 (16-bit code units)</td><td>70</td><td>67</td><td>66</td></tr>
 * <tr><td>Latin-1, 8-bit binary (octets)</td><td>140</td><td>134</td><td>133</td></tr>
 * </table>
 * 7-bit: floor((140 - udh) * 8 / 7), the septets left after the header and its fill bits ({@link Gsm7Packing});
 * UCS-2: floor((140 - udh) / 2). A GSM extension character (ESC + code, two septets) and a UTF-16 surrogate pair (two
 * code units) are never split across parts, so a part may hold one less. SAR parts are counted like 8-bit reference
 * parts. {@link #count} gives the same number {@link #split} cuts. Everything here works on the octets as SMPP carries
 * them: GSM 7-bit unpacked (one septet per octet), UCS-2 big-endian.
 */
public final class Segments {
    /** User data octets in one segment. */
    public static final int USER_DATA_OCTETS = 140;
    /** At most this many parts: total and sequence number are one octet in both UDH IEs and in SAR. */
    public static final int MAX_PARTS = 255;

    private static final int UDH_8 = Concatenation.Udh8.OCTETS;
    /** A concatenation IE added to a header that is already there: IEI, length, then 3 octets. */
    private static final int CONCAT_IE_8 = 5;

    /** The most header octets a part can carry and still hold any character (a surrogate pair is 4 octets). */
    static final int MAX_PART_HEADER = USER_DATA_OCTETS - 4;

    /** One part: its payload (with its header, if any), and the reference, total and 1-based sequence it carries. */
    public record Part(byte[] payload, int reference, int total, int seq) {
    }

    private Segments() {
    }

    /**
     * Characters of {@code alphabet} one segment holds next to a header of {@code udhOctets} octets (length octet
     * included; 0 for none): septets for 7-bit alphabets, octets otherwise (UCS-2 rounded down to whole code units).
     */
    public static int capacity(Alphabet alphabet, int udhOctets) {
        if (udhOctets < 0 || udhOctets >= USER_DATA_OCTETS) {
            throw new IllegalArgumentException("udhOctets " + udhOctets + " (0.." + (USER_DATA_OCTETS - 1) + ")");
        }
        int free = USER_DATA_OCTETS - udhOctets;
        if (alphabet.sevenBit()) {
            return free * 8 / 7;
        }
        return alphabet == Alphabet.UCS2 ? free & ~1 : free;
    }

    /** The segments {@code text} takes in {@code alphabet}; throws {@link TextCodingException} if it cannot. */
    public static int count(CharSequence text, Alphabet alphabet) {
        byte[] encoded = alphabet.encode(text);
        return count(encoded, 0, encoded.length, alphabet, 0);
    }

    /** The segments octets already in {@code alphabet} take (no header of their own). */
    public static int count(byte[] encoded, Alphabet alphabet) {
        return count(encoded, 0, encoded.length, alphabet, 0);
    }

    /**
     * The segments {@code length} octets at {@code offset} take, their message already carrying a header of
     * {@code udhOctets} octets that every part repeats (0 for none); a part adds an 8-bit concatenation IE to it.
     * Lenient, since it meters what hostile peers send: an octet that is not text is counted as one character.
     *
     * @throws IllegalArgumentException if the text does not fit one segment and the header leaves a part no room
     */
    public static int count(byte[] encoded, int offset, int length, Alphabet alphabet, int udhOctets) {
        if (offset < 0 || length < 0 || offset > encoded.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " of " + encoded.length);
        }
        if (length <= capacity(alphabet, udhOctets)) {
            return 1;
        }
        int partHeader = partHeaderOctets(udhOctets);
        if (partHeader > MAX_PART_HEADER) {
            throw new IllegalArgumentException("a header of " + udhOctets + " octets leaves no room to split the text");
        }
        int partCapacity = capacity(alphabet, partHeader);
        int parts = 1;
        int used = 0;
        int end = offset + length;
        for (int i = offset; i < end; ) {
            int unit = unitLength(encoded, i, end, alphabet);
            if (used + unit > partCapacity) {
                parts++;
                used = 0;
            }
            used += unit;
            i += unit;
        }
        return parts;
    }

    /** The header of each part of a message whose own header is {@code udhOctets}: plus an 8-bit concatenation IE. */
    static int partHeaderOctets(int udhOctets) {
        return udhOctets == 0 ? UDH_8 : udhOctets + CONCAT_IE_8;
    }

    /**
     * Cuts octets in {@code alphabet} into parts. A text that fits one segment is one part with the payload as it is
     * (no header, total 1: send it as a plain short message); otherwise each part's payload is its header (for UDH
     * concatenation) followed by at most {@link #capacity} characters, ESC + code and surrogate pairs kept whole.
     *
     * @throws IllegalArgumentException if the text needs more than {@link #MAX_PARTS} parts
     */
    public static List<Part> split(byte[] encoded, Alphabet alphabet, Concatenation concatenation) {
        return cut(encoded, alphabet, concatenation, false);
    }

    /**
     * As {@link #split}, for unpacked GSM 7-bit septets, with each part's septets packed for the air interface after
     * its header and fill bits ({@link Gsm7Packing}). A part's septet count is its user data length, which the
     * caller carries (seven zero bits at the end of the last octet would read as '@').
     */
    public static List<Part> splitPacked(byte[] septets, Concatenation concatenation) {
        return cut(septets, Alphabet.GSM7, concatenation, true);
    }

    private static List<Part> cut(byte[] encoded, Alphabet alphabet, Concatenation concatenation, boolean pack) {
        int ref = concatenation.reference();
        if (encoded.length <= capacity(alphabet, 0)) {
            byte[] payload = pack ? Gsm7Packing.pack(encoded, 0) : encoded.clone();
            return List.of(new Part(payload, ref, 1, 1));
        }
        int partCapacity = capacity(alphabet, concatenation.airHeaderOctets());
        List<int[]> bounds = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < encoded.length; ) {
            int unit = unitLength(encoded, i, encoded.length, alphabet);
            if (used + unit > partCapacity) {
                bounds.add(new int[] {start, i});
                start = i;
                used = 0;
            }
            used += unit;
            i += unit;
        }
        bounds.add(new int[] {start, encoded.length});
        int total = bounds.size();
        if (total > MAX_PARTS) {
            throw new IllegalArgumentException("the text needs " + total + " parts; a concatenated message has at most "
                    + MAX_PARTS);
        }
        List<Part> parts = new ArrayList<>(total);
        for (int seq = 1; seq <= total; seq++) {
            int[] b = bounds.get(seq - 1);
            byte[] header = concatenation.header(total, seq);
            byte[] body = Arrays.copyOfRange(encoded, b[0], b[1]);
            if (pack) {
                body = Gsm7Packing.pack(body, header.length == 0 ? 0 : Gsm7Packing.fillBits(header.length));
            }
            byte[] payload = new byte[header.length + body.length];
            System.arraycopy(header, 0, payload, 0, header.length);
            System.arraycopy(body, 0, payload, header.length, body.length);
            parts.add(new Part(payload, ref, total, seq));
        }
        return parts;
    }

    /** The octets of the character starting at {@code i}: an ESC + code pair, a surrogate pair, or one unit. */
    private static int unitLength(byte[] b, int i, int end, Alphabet alphabet) {
        return switch (alphabet) {
            case GSM7 -> (b[i] == Gsm7.ESC && i + 1 < end) ? 2 : 1;
            case UCS2 -> {
                if (i + 1 >= end) {
                    yield 1;
                }
                boolean pair = i + 3 < end && Character.isHighSurrogate(codeUnit(b, i))
                        && Character.isLowSurrogate(codeUnit(b, i + 2));
                yield pair ? 4 : 2;
            }
            case IA5, LATIN1, BINARY -> 1;
        };
    }

    private static char codeUnit(byte[] b, int i) {
        return (char) (((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF));
    }
}
