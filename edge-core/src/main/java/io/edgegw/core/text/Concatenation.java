package io.edgegw.core.text;

/**
 * How the parts of a long message say they belong together: a UDH concatenation IE with an 8-bit reference (IEI 0x00,
 * 6 header octets) or a 16-bit one (IEI 0x08, 7 octets), both TS 23.040 §9.2.3.24.1 / .8, or SMPP's SAR TLVs
 * (sar_msg_ref_num, sar_total_segments, sar_segment_seqnum: no header in the payload, the SMSC builds it).
 */
public sealed interface Concatenation {
    /** The information element identifier of 8-bit reference concatenation. */
    int IEI_8BIT_REF = 0x00;
    /** The information element identifier of 16-bit reference concatenation. */
    int IEI_16BIT_REF = 0x08;

    /** The reference every part carries. */
    int reference();

    /** The octets of user data header this puts in each part's payload, its length octet included (0 for SAR). */
    int headerOctets();

    /** The user data header of part {@code seq} of {@code total} (empty for SAR). */
    byte[] header(int total, int seq);

    /**
     * The header octets a part is counted as carrying. SAR parts carry none in SMPP but get an 8-bit reference
     * header on the air, so they are cut like {@link Udh8} parts (153 / 67 / 134), as Jasmin cuts them.
     */
    default int airHeaderOctets() {
        return headerOctets() == 0 ? Udh8.OCTETS : headerOctets();
    }

    /** UDH concatenation with an 8-bit reference, 0..255. */
    record Udh8(int reference) implements Concatenation {
        static final int OCTETS = 6;

        public Udh8 {
            checkReference(reference, 0xFF);
        }

        @Override
        public int headerOctets() {
            return OCTETS;
        }

        @Override
        public byte[] header(int total, int seq) {
            return new byte[] {OCTETS - 1, IEI_8BIT_REF, 3, (byte) reference, (byte) total, (byte) seq};
        }
    }

    /** UDH concatenation with a 16-bit reference, 0..65535. */
    record Udh16(int reference) implements Concatenation {
        static final int OCTETS = 7;

        public Udh16 {
            checkReference(reference, 0xFFFF);
        }

        @Override
        public int headerOctets() {
            return OCTETS;
        }

        @Override
        public byte[] header(int total, int seq) {
            return new byte[] {OCTETS - 1, IEI_16BIT_REF, 4, (byte) (reference >> 8), (byte) reference, (byte) total,
                    (byte) seq};
        }
    }

    /** SMPP SAR TLVs with a 16-bit reference, 0..65535; the payloads carry no header. */
    record Sar(int reference) implements Concatenation {
        public Sar {
            checkReference(reference, 0xFFFF);
        }

        @Override
        public int headerOctets() {
            return 0;
        }

        @Override
        public byte[] header(int total, int seq) {
            return new byte[0];
        }
    }

    private static void checkReference(int reference, int max) {
        if (reference < 0 || reference > max) {
            throw new IllegalArgumentException("reference " + reference + " (0.." + max + ")");
        }
    }
}
