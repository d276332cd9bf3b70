package io.edgegw.core.text;

/**
 * What one submit is, read from its octets and flags: a whole message (one short_message, or a message_payload however
 * long), one part of a concatenated message (a UDH concatenation IE, 8- or 16-bit reference, or SMPP SAR values), or
 * malformed. Built by {@link #recognise}, which never throws on what a peer sent: every bound it checks (header
 * lengths against the payload, total 1..255, sequence 1..total, references in range, one form at a time) that fails
 * becomes a {@link Form#MALFORMED} result naming the problem.
 *
 * @param form      which form
 * @param reference the concatenation reference of a part; {@link #NONE} for a whole message or a malformed one
 * @param total     the parts of the long message a part belongs to; for a whole message its segments
 * @param seq       a part's 1-based sequence number; 0 for a whole message
 * @param segments  the segments this submit counts for: 1 for a part, the count for a whole message, 0 if malformed
 * @param problem   what is wrong with a malformed submit; null otherwise
 */
public record MessageForm(Form form, int reference, int total, int seq, int segments, String problem) {
    /** No reference, or an SAR value the peer did not send. */
    public static final int NONE = -1;
    /** The UDHI flag of esm_class: the payload starts with a user data header. */
    public static final int ESM_CLASS_UDHI = 0x40;
    /** The longest short_message SMPP 3.4 allows (sm_length 0..254). */
    public static final int MAX_SHORT_MESSAGE = 254;

    /** {@link #segments}: short_message over {@link #MAX_SHORT_MESSAGE} octets, or both it and message_payload. */
    public static final int MALFORMED_BODY = -1;
    /** {@link #segments}: a user data header that is cut short, runs past the message, or leaves no room for text. */
    public static final int MALFORMED_UDH = -2;
    /** {@link #segments}: SAR values out of range, or SAR values next to a UDH concatenation IE. */
    public static final int MALFORMED_SAR = -3;
    /** {@link #segments}: some of the three SAR values, not all. */
    public static final int SAR_INCOMPLETE = -4;

    /** The forms a submit can take. */
    public enum Form {
        /** A whole message in short_message (or an empty one). */
        SHORT_MESSAGE,
        /** A whole message in the message_payload TLV. */
        MESSAGE_PAYLOAD,
        /** A part carrying a UDH concatenation IE with an 8-bit reference (IEI 0x00). */
        UDH_8BIT_REF,
        /** A part carrying a UDH concatenation IE with a 16-bit reference (IEI 0x08). */
        UDH_16BIT_REF,
        /** A part carrying sar_msg_ref_num, sar_total_segments and sar_segment_seqnum. */
        SAR,
        /** Not a message this gateway should take: see {@link MessageForm#problem()}. */
        MALFORMED
    }

    /** Whether this is one part of a concatenated message. */
    public boolean isPart() {
        return form == Form.UDH_8BIT_REF || form == Form.UDH_16BIT_REF || form == Form.SAR;
    }

    /** A submit without SAR values; see {@link #recognise(int, Alphabet, byte[], byte[], int, int, int)}. */
    public static MessageForm recognise(int esmClass, Alphabet alphabet, byte[] shortMessage, byte[] messagePayload) {
        return recognise(esmClass, alphabet, shortMessage, messagePayload, NONE, NONE, NONE);
    }

    /**
     * Reads a submit's form.
     *
     * @param esmClass       the esm_class octet (only the UDHI bit 0x40 is read)
     * @param alphabet       the alphabet its data_coding means, for counting ({@link DataCoding#forCounting})
     * @param shortMessage   short_message (null or empty for none)
     * @param messagePayload the message_payload TLV's value (null when absent)
     * @param sarRef         sar_msg_ref_num, or {@link #NONE} when absent (likewise the other two)
     */
    public static MessageForm recognise(int esmClass, Alphabet alphabet, byte[] shortMessage, byte[] messagePayload,
                                        int sarRef, int sarTotal, int sarSeq) {
        int smLength = shortMessage == null ? 0 : shortMessage.length;
        int payloadLength = messagePayload == null ? 0 : messagePayload.length;
        if (smLength > MAX_SHORT_MESSAGE) {
            return malformed("short_message of " + smLength + " octets (at most " + MAX_SHORT_MESSAGE + ")");
        }
        if (smLength > 0 && payloadLength > 0) {
            return malformed("both short_message and message_payload carry data");
        }
        boolean inPayload = payloadLength > 0;
        byte[] data = inPayload ? messagePayload : shortMessage == null ? new byte[0] : shortMessage;

        boolean sar = sarRef != NONE || sarTotal != NONE || sarSeq != NONE;
        if (sar) {
            String bad = checkSar(sarRef, sarTotal, sarSeq);
            if (bad != null) {
                return malformed(bad);
            }
        }
        int udhOctets = 0;
        MessageForm udhPart = null;
        if ((esmClass & ESM_CLASS_UDHI) != 0) {
            if (data.length == 0) {
                return malformed("esm_class says a UDH follows, but the message is empty");
            }
            udhOctets = 1 + (data[0] & 0xFF);
            if (udhOctets > data.length) {
                return malformed("UDH length " + (udhOctets - 1) + " runs past the " + data.length + " octets of the "
                        + "message");
            }
            if (udhOctets >= Segments.USER_DATA_OCTETS) {
                return malformed("a UDH of " + udhOctets + " octets does not fit a segment");
            }
            udhPart = readHeader(data, udhOctets);
            if (udhPart != null && udhPart.form == Form.MALFORMED) {
                return udhPart;
            }
        }
        if (udhPart != null && sar) {
            return malformed("both a UDH concatenation IE and SAR values");
        }
        if (udhPart != null) {
            return udhPart;
        }
        if (sar) {
            return new MessageForm(Form.SAR, sarRef, sarTotal, sarSeq, 1, null);
        }
        int text = data.length - udhOctets;
        if (text > Segments.capacity(alphabet, udhOctets)
                && Segments.partHeaderOctets(udhOctets) > Segments.MAX_PART_HEADER) {
            return malformed("a UDH of " + udhOctets + " octets leaves no room to split the " + text
                    + " octets after it");
        }
        return whole(inPayload, Segments.count(data, udhOctets, text, alphabet, udhOctets));
    }

    /**
     * The segments a submit counts for, as {@link #recognise} would say ({@link #segments()} of its result), without
     * building a result: for the message path, which reads every submit. A malformed submit gives a negative code
     * saying which part of it is wrong: {@link #MALFORMED_BODY}, {@link #MALFORMED_UDH}, {@link #MALFORMED_SAR} or
     * {@link #SAR_INCOMPLETE}; {@link #recognise} gives the words for a log line.
     */
    public static int segments(int esmClass, Alphabet alphabet, byte[] shortMessage, byte[] messagePayload,
                               int sarRef, int sarTotal, int sarSeq) {
        int smLength = shortMessage == null ? 0 : shortMessage.length;
        int payloadLength = messagePayload == null ? 0 : messagePayload.length;
        if (smLength > MAX_SHORT_MESSAGE || smLength > 0 && payloadLength > 0) {
            return MALFORMED_BODY;
        }
        byte[] data = payloadLength > 0 ? messagePayload : shortMessage;
        int length = payloadLength > 0 ? payloadLength : smLength;
        boolean sar = sarRef != NONE || sarTotal != NONE || sarSeq != NONE;
        if (sar) {
            if (sarRef == NONE || sarTotal == NONE || sarSeq == NONE) {
                return SAR_INCOMPLETE;
            }
            if (sarRef < 0 || sarRef > 0xFFFF || outOfBounds(sarTotal, sarSeq)) {
                return MALFORMED_SAR;
            }
        }
        int udhOctets = 0;
        if ((esmClass & ESM_CLASS_UDHI) != 0) {
            if (length == 0) {
                return MALFORMED_UDH;
            }
            udhOctets = 1 + (data[0] & 0xFF);
            if (udhOctets > length || udhOctets >= Segments.USER_DATA_OCTETS) {
                return MALFORMED_UDH;
            }
            int concatenation = findConcatenation(data, udhOctets);
            if (concatenation != 0) {
                return concatenation < 0 ? MALFORMED_UDH : sar ? MALFORMED_SAR : 1;
            }
        }
        if (sar) {
            return 1;
        }
        if (length == 0) {
            return 1;
        }
        int text = length - udhOctets;
        if (text > Segments.capacity(alphabet, udhOctets)
                && Segments.partHeaderOctets(udhOctets) > Segments.MAX_PART_HEADER) {
            return MALFORMED_UDH;
        }
        return Segments.count(data, udhOctets, text, alphabet, udhOctets);
    }

    /** {@link #partReference}: not a part (a whole message, or a header it cannot read). */
    public static final int NOT_A_PART = -1;

    /**
     * Which long message a submit is a part of, read without allocating, for keeping its parts together: the
     * reference of its UDH concatenation IE or of its SAR values ({@code sar} as {@code ShortMessage.sar} packs
     * them, 0 for none), with the kind of reference above its 16 bits (8-bit UDH, 16-bit UDH, SAR: 1, 2, 3), or
     * {@link #NOT_A_PART}. {@code data} is short_message or message_payload.
     */
    public static int partReference(int esmClass, byte[] data, int sar) {
        if (sar != 0) {
            return 3 << 16 | sar >>> 16;
        }
        if ((esmClass & ESM_CLASS_UDHI) == 0 || data == null || data.length == 0) {
            return NOT_A_PART;
        }
        int udhOctets = 1 + (data[0] & 0xFF);
        if (udhOctets > data.length) {
            return NOT_A_PART;
        }
        int i = 1;
        while (i + 2 <= udhOctets) {
            int iei = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            int value = i + 2;
            if (value + length > udhOctets) {
                return NOT_A_PART;
            }
            if (iei == Concatenation.IEI_8BIT_REF && length == 3) {
                return 1 << 16 | data[value] & 0xFF;
            }
            if (iei == Concatenation.IEI_16BIT_REF && length == 4) {
                return 2 << 16 | (data[value] & 0xFF) << 8 | data[value + 1] & 0xFF;
            }
            i = value + length;
        }
        return NOT_A_PART;
    }

    /**
     * As {@link #readHeader}, without a result: 1 when the header carries one well-formed concatenation IE, 0 when it
     * carries none, -1 when it is malformed.
     */
    private static int findConcatenation(byte[] data, int udhOctets) {
        int found = 0;
        int i = 1;
        while (i < udhOctets) {
            if (i + 2 > udhOctets) {
                return -1;
            }
            int iei = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            int value = i + 2;
            if (value + length > udhOctets) {
                return -1;
            }
            if (iei == Concatenation.IEI_8BIT_REF || iei == Concatenation.IEI_16BIT_REF) {
                boolean wide = iei == Concatenation.IEI_16BIT_REF;
                if (found != 0 || length != (wide ? 4 : 3)) {
                    return -1;
                }
                int at = value + (wide ? 2 : 1);
                if (outOfBounds(data[at] & 0xFF, data[at + 1] & 0xFF)) {
                    return -1;
                }
                found = 1;
            }
            i = value + length;
        }
        return found;
    }

    /** Whether a part's total and sequence are out of bounds (as {@link #checkPosition(String, int, int)} says). */
    private static boolean outOfBounds(int total, int seq) {
        return total < 1 || total > Segments.MAX_PARTS || seq < 1 || seq > total;
    }

    /**
     * The concatenation IE of a user data header of {@code udhOctets} octets (length octet included) at the start of
     * {@code data}: a part, null when there is none, or malformed.
     */
    private static MessageForm readHeader(byte[] data, int udhOctets) {
        MessageForm found = null;
        int i = 1;
        while (i < udhOctets) {
            if (i + 2 > udhOctets) {
                return malformed("a UDH information element at offset " + i + " is cut short by the UDH length");
            }
            int iei = data[i] & 0xFF;
            int length = data[i + 1] & 0xFF;
            int value = i + 2;
            if (value + length > udhOctets) {
                return malformed(String.format("UDH information element 0x%02X of length %d runs past the UDH", iei,
                        length));
            }
            if (iei == Concatenation.IEI_8BIT_REF || iei == Concatenation.IEI_16BIT_REF) {
                if (found != null) {
                    return malformed("two concatenation IEs in one UDH");
                }
                found = concatenation(data, iei, value, length);
                if (found.form == Form.MALFORMED) {
                    return found;
                }
            }
            i = value + length;
        }
        return found;
    }

    private static MessageForm concatenation(byte[] data, int iei, int value, int length) {
        boolean wide = iei == Concatenation.IEI_16BIT_REF;
        int expected = wide ? 4 : 3;
        if (length != expected) {
            return malformed(String.format("concatenation IE 0x%02X has length %d (must be %d)", iei, length,
                    expected));
        }
        int ref = wide ? ((data[value] & 0xFF) << 8) | (data[value + 1] & 0xFF) : data[value] & 0xFF;
        int at = value + (wide ? 2 : 1);
        int total = data[at] & 0xFF;
        int seq = data[at + 1] & 0xFF;
        String bad = checkPosition("UDH", total, seq);
        if (bad != null) {
            return malformed(bad);
        }
        return new MessageForm(wide ? Form.UDH_16BIT_REF : Form.UDH_8BIT_REF, ref, total, seq, 1, null);
    }

    private static String checkSar(int ref, int total, int seq) {
        if (ref == NONE || total == NONE || seq == NONE) {
            return "SAR values incomplete (sar_msg_ref_num " + shown(ref) + ", sar_total_segments " + shown(total)
                    + ", sar_segment_seqnum " + shown(seq) + ")";
        }
        if (ref < 0 || ref > 0xFFFF) {
            return "sar_msg_ref_num " + ref + " is not 16-bit";
        }
        return checkPosition("SAR", total, seq);
    }

    private static String checkPosition(String where, int total, int seq) {
        if (total < 1 || total > Segments.MAX_PARTS) {
            return where + " total " + total + " (1.." + Segments.MAX_PARTS + ")";
        }
        if (seq < 1 || seq > total) {
            return where + " sequence number " + seq + " of " + total;
        }
        return null;
    }

    private static String shown(int v) {
        return v == NONE ? "absent" : Integer.toString(v);
    }

    private static MessageForm whole(boolean inPayload, int segments) {
        return new MessageForm(inPayload ? Form.MESSAGE_PAYLOAD : Form.SHORT_MESSAGE, NONE, segments, 0, segments,
                null);
    }

    private static MessageForm malformed(String problem) {
        return new MessageForm(Form.MALFORMED, NONE, 0, 0, 0, problem);
    }
}
