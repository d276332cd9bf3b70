package io.edgegw.simulator.wire;

import java.nio.charset.StandardCharsets;

/**
 * The optional part of a PDU (SMPP 3.4 3.2.1, 5.3) as its raw octets, already checked to be a well-formed run of
 * tag-length-value entries; one array per PDU, read on demand, nothing allocated when there is none.
 */
public final class Tlvs {
    public static final Tlvs NONE = new Tlvs(new byte[0]);

    private final byte[] octets;

    private Tlvs(byte[] octets) {
        this.octets = octets;
    }

    /** Wraps octets known to be well formed (see {@link #isWellFormed}); none gives {@link #NONE}. */
    static Tlvs wrap(byte[] octets) {
        return octets.length == 0 ? NONE : new Tlvs(octets);
    }

    /** Builds the optional part from entries (tests, rare PDUs); values are written as given. */
    public static Tlvs of(Tlv... entries) {
        int size = 0;
        for (Tlv tlv : entries) {
            size += 4 + tlv.value().length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (Tlv tlv : entries) {
            out[at++] = (byte) (tlv.tag() >> 8);
            out[at++] = (byte) tlv.tag();
            out[at++] = (byte) (tlv.value().length >> 8);
            out[at++] = (byte) tlv.value().length;
            System.arraycopy(tlv.value(), 0, out, at, tlv.value().length);
            at += tlv.value().length;
        }
        return wrap(out);
    }

    /** One entry: a 16-bit tag and its value octets. */
    public record Tlv(short tag, byte[] value) {
        public Tlv {
            if (value.length > 0xFFFF) {
                throw new IllegalArgumentException("TLV value over 65535 octets: " + value.length);
            }
        }
    }

    /** True when {@code length} octets from {@code from} are whole entries, each value within the run. */
    static boolean isWellFormed(io.netty.buffer.ByteBuf buf, int from, int length) {
        int at = from;
        int end = from + length;
        while (at < end) {
            if (end - at < 4) {
                return false;
            }
            int valueLength = buf.getUnsignedShort(at + 2);
            at += 4;
            if (valueLength > end - at) {
                return false;
            }
            at += valueLength;
        }
        return true;
    }

    public boolean isEmpty() {
        return octets.length == 0;
    }

    /** The octets as they go on the wire. */
    byte[] octets() {
        return octets;
    }

    /** The value of the first entry with {@code tag}, copied; null when there is none. */
    public byte[] value(short tag) {
        int at = find(tag);
        if (at < 0) {
            return null;
        }
        int length = length(at);
        byte[] value = new byte[length];
        System.arraycopy(octets, at + 4, value, 0, length);
        return value;
    }

    /**
     * The value of the first entry with {@code tag} read as a C-Octet String (receipted_message_id, 5.3.2.12): up to
     * its first NUL, or all of it when a peer left the NUL out; null when there is no such entry.
     */
    public String cString(short tag) {
        int at = find(tag);
        if (at < 0) {
            return null;
        }
        int length = length(at);
        int end = at + 4;
        while (end < at + 4 + length && octets[end] != 0) {
            end++;
        }
        return new String(octets, at + 4, end - at - 4, StandardCharsets.ISO_8859_1);
    }

    /** The first octet of the entry with {@code tag} (message_state, 5.3.2.35), or -1 when absent or empty. */
    public int octet(short tag) {
        int at = find(tag);
        return at < 0 || length(at) == 0 ? -1 : octets[at + 4] & 0xFF;
    }

    private int find(short tag) {
        int at = 0;
        while (at + 4 <= octets.length) {
            if ((short) (((octets[at] & 0xFF) << 8) | (octets[at + 1] & 0xFF)) == tag) {
                return at;
            }
            at += 4 + length(at);
        }
        return -1;
    }

    private int length(int at) {
        return ((octets[at + 2] & 0xFF) << 8) | (octets[at + 3] & 0xFF);
    }
}
