package io.edgegw.core.text;

/**
 * Septets packed eight into seven octets, least significant bit first (3GPP TS 23.040 §9.2.3.24, TS 23.038 §6.1.2.1),
 * as the air interface carries GSM 7-bit text. After a user data header the text starts on a septet boundary counted
 * from the start of the user data, so {@link #fillBits(int)} zero bits are put between the header and the first
 * septet. A part with an 8-bit concatenation header (6 octets, 48 bits) therefore carries 1 fill bit and
 * (1120 - 48 - 1) / 7 = 153 septets; with a 16-bit one (7 octets, 56 bits) no fill bit and 152 septets.
 */
public final class Gsm7Packing {
    private Gsm7Packing() {
    }

    /** The fill bits after a user data header of {@code udhOctets} octets (its length octet included), 0..6. */
    public static int fillBits(int udhOctets) {
        if (udhOctets < 0) {
            throw new IllegalArgumentException("udhOctets " + udhOctets);
        }
        return (7 - (udhOctets * 8) % 7) % 7;
    }

    /** The octets {@code septets} septets take when packed after {@code fillBits} fill bits. */
    public static int packedLength(int septets, int fillBits) {
        return (fillBits + 7 * septets + 7) / 8;
    }

    /**
     * Packs unpacked septets (one per octet, each 0..0x7F) after {@code fillBits} zero bits.
     *
     * @throws IllegalArgumentException if an octet is above 0x7F or fillBits is outside 0..6
     */
    public static byte[] pack(byte[] septets, int fillBits) {
        checkFill(fillBits);
        byte[] out = new byte[packedLength(septets.length, fillBits)];
        int bit = fillBits;
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0xFF;
            if (s > 0x7F) {
                throw new IllegalArgumentException(String.format("octet 0x%02X at offset %d is not a septet", s, i));
            }
            int at = bit >> 3;
            int shift = bit & 7;
            out[at] |= (byte) (s << shift);
            if (shift > 1) {
                out[at + 1] |= (byte) (s >> (8 - shift));
            }
            bit += 7;
        }
        return out;
    }

    /**
     * Unpacks {@code septets} septets from {@code length} octets at {@code offset}, after {@code fillBits} fill bits.
     * The count comes from the caller (the user data length), since seven zero bits at the end of the last octet
     * could equally be an '@'.
     *
     * @throws IllegalArgumentException if the octets cannot hold that many septets
     */
    public static byte[] unpack(byte[] octets, int offset, int length, int fillBits, int septets) {
        checkFill(fillBits);
        if (offset < 0 || length < 0 || offset > octets.length - length) {
            throw new IllegalArgumentException("offset " + offset + " length " + length + " of " + octets.length);
        }
        if (septets < 0 || (long) septets * 7 + fillBits > (long) length * 8) {
            throw new IllegalArgumentException(septets + " septets after " + fillBits + " fill bits do not fit "
                    + length + " octets");
        }
        byte[] out = new byte[septets];
        int bit = fillBits;
        for (int i = 0; i < septets; i++) {
            int at = offset + (bit >> 3);
            int shift = bit & 7;
            int v = (octets[at] & 0xFF) >> shift;
            if (shift > 1) {
                v |= (octets[at + 1] & 0xFF) << (8 - shift);
            }
            out[i] = (byte) (v & 0x7F);
            bit += 7;
        }
        return out;
    }

    private static void checkFill(int fillBits) {
        if (fillBits < 0 || fillBits > 6) {
            throw new IllegalArgumentException("fillBits " + fillBits + " (0..6)");
        }
    }
}
