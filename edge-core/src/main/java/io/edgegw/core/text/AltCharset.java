package io.edgegw.core.text;

/**
 * Text of data_coding 0 re-encoded where the tenant and the carrier mean different alphabets by it (Kannel's
 * {@code alt-charset}). data_coding 0 is "the SMSC's default alphabet": a tenant whose default is Latin-1 sends
 * Latin-1 octets under it, and a carrier whose default is GSM 7-bit would read them as GSM septets, so an {@code @}
 * (Latin-1 0x40) would arrive as an inverted exclamation mark. Every other data_coding names its alphabet and passes
 * unchanged.
 * <p>
 * Only the text is converted: a user data header (esm_class UDHI) is kept octet for octet. A character the carrier's
 * alphabet cannot carry is an error ({@link TextCodingException}), never a '?'. A text may grow (a GSM extension
 * character takes two septets): without a header that is the carrier's business (a long text goes as
 * message_payload); a part with a header must still fit one segment, or conversion fails, since re-cutting the parts
 * of a message a tenant numbered itself would break its numbering.
 * <p>
 * Allocation: none when nothing is converted (the common case, tenant and carrier agreeing); the converted octets
 * otherwise.
 */
public final class AltCharset {
    private static final int UDHI = 0x40;

    private AltCharset() {
    }

    /**
     * Whether a message of {@code dataCoding} must be converted between these defaults at all; cheap, for the hot
     * path to ask before {@link #convert}.
     */
    public static boolean needed(int dataCoding, Alphabet tenantDefault, Alphabet carrierDefault) {
        return (dataCoding & 0xFF) == DataCoding.SMSC_DEFAULT && tenantDefault != carrierDefault;
    }

    /**
     * The user data (short_message or message_payload octets, header included when {@code esmClass} says so) of a
     * data_coding 0 message written in {@code tenantDefault}, as {@code carrierDefault} reads data_coding 0.
     *
     * @throws TextCodingException when the octets are not text in the tenant's alphabet, a character cannot be carried
     *                             by the carrier's, the header is malformed, or a part with a header no longer fits
     *                             one segment
     */
    public static byte[] convert(byte[] userData, int esmClass, Alphabet tenantDefault, Alphabet carrierDefault) {
        if (tenantDefault == carrierDefault) {
            return userData;
        }
        int header = 0;
        if ((esmClass & UDHI) != 0) {
            if (userData.length == 0 || (userData[0] & 0xFF) + 1 > userData.length
                    || (userData[0] & 0xFF) + 1 > Segments.MAX_PART_HEADER) {
                throw TextCodingException.undecodable(tenantDefault, 0, "user data header longer than the message");
            }
            header = (userData[0] & 0xFF) + 1;
        }
        String text = tenantDefault.decode(userData, header, userData.length - header);
        byte[] converted = carrierDefault.encode(text);
        if (header > 0) {
            int capacity = Segments.capacity(carrierDefault, header);
            if (converted.length > capacity) {
                throw TextCodingException.doesNotFit(carrierDefault, header, "the part's " + text.length()
                        + " characters take " + converted.length + " " + (carrierDefault.sevenBit() ? "septets"
                        : "octets") + " in " + carrierDefault.displayName() + ", more than the "
                        + capacity + " a part with a " + header + "-octet user data header holds");
            }
        }
        byte[] out = new byte[header + converted.length];
        System.arraycopy(userData, 0, out, 0, header);
        System.arraycopy(converted, 0, out, header, converted.length);
        return out;
    }
}
