package io.edgegw.core.text;

/**
 * The alphabets a short message's text travels in over SMPP, each with how it encodes and decodes text and how its
 * octets are cut into segments ({@link Segments}). GSM 7-bit here is unpacked (one septet per octet), as SMPP's
 * short_message carries it; {@link Gsm7Packing} packs it for the air interface. Which data_coding octet means which
 * alphabet is {@link DataCoding}'s business.
 */
public enum Alphabet {
    /** GSM 03.38 default alphabet with its extension table; an extension character costs two septets (ESC + code). */
    GSM7("GSM 7-bit", true) {
        @Override
        public byte[] encode(CharSequence text) {
            return Gsm7.encode(text);
        }

        @Override
        public String decode(byte[] octets, int offset, int length) {
            checkRange(octets, offset, length);
            return Gsm7.decode(octets, offset, length);
        }
    },
    /** IA5 (ITU-T T.50, US-ASCII), one character per octet, 0x00..0x7F. */
    IA5("IA5/ASCII", true) {
        @Override
        public byte[] encode(CharSequence text) {
            return singleOctets(this, text, 0x7F);
        }

        @Override
        public String decode(byte[] octets, int offset, int length) {
            return fromSingleOctets(this, octets, offset, length, 0x7F);
        }
    },
    /** ISO-8859-1 (data_coding 3), one character per octet. */
    LATIN1("Latin-1 (ISO-8859-1)", false) {
        @Override
        public byte[] encode(CharSequence text) {
            return singleOctets(this, text, 0xFF);
        }

        @Override
        public String decode(byte[] octets, int offset, int length) {
            return fromSingleOctets(this, octets, offset, length, 0xFF);
        }
    },
    /**
     * UCS-2 as UTF-16BE: a character outside the Basic Multilingual Plane (an emoji) is a surrogate pair, two code
     * units, and is never split across segments. An unpaired surrogate is not text and is refused both ways.
     */
    UCS2("UCS-2 (UTF-16BE)", false) {
        @Override
        public byte[] encode(CharSequence text) {
            byte[] out = new byte[text.length() * 2];
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (!pairAt(text, i)) {
                        throw TextCodingException.unencodable(this, text, i);
                    }
                    out[2 * i] = (byte) (c >> 8);
                    out[2 * i + 1] = (byte) c;
                    c = text.charAt(++i);
                }
                out[2 * i] = (byte) (c >> 8);
                out[2 * i + 1] = (byte) c;
            }
            return out;
        }

        @Override
        public String decode(byte[] octets, int offset, int length) {
            checkRange(octets, offset, length);
            if ((length & 1) != 0) {
                throw TextCodingException.undecodable(this, length - 1, "an odd octet");
            }
            char[] chars = new char[length / 2];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) (((octets[offset + 2 * i] & 0xFF) << 8) | (octets[offset + 2 * i + 1] & 0xFF));
            }
            String text = new String(chars);
            for (int i = 0; i < chars.length; i++) {
                if (Character.isSurrogate(chars[i])) {
                    if (!pairAt(text, i)) {
                        throw TextCodingException.undecodable(this, 2 * i,
                                String.format("unpaired surrogate U+%04X", (int) chars[i]));
                    }
                    i++;
                }
            }
            return text;
        }
    },
    /** 8-bit binary data (data_coding 2 and 4): octets, not text. Encoding or decoding text in it is refused. */
    BINARY("8-bit binary", false) {
        @Override
        public byte[] encode(CharSequence text) {
            if (text.length() == 0) {
                return new byte[0];
            }
            throw TextCodingException.unencodable(this, text, 0);
        }

        @Override
        public String decode(byte[] octets, int offset, int length) {
            checkRange(octets, offset, length);
            if (length == 0) {
                return "";
            }
            throw TextCodingException.undecodable(this, 0, "binary data");
        }
    };

    private final String displayName;
    private final boolean sevenBit;

    Alphabet(String displayName, boolean sevenBit) {
        this.displayName = displayName;
        this.sevenBit = sevenBit;
    }

    /**
     * The text as octets in this alphabet.
     *
     * @throws TextCodingException naming the first character (and its index) this alphabet cannot carry
     */
    public abstract byte[] encode(CharSequence text);

    /**
     * Octets in this alphabet as text.
     *
     * @throws TextCodingException naming the first octet (and its offset from {@code offset}) that is not text here
     */
    public abstract String decode(byte[] octets, int offset, int length);

    /** All of {@code octets} as text; see {@link #decode(byte[], int, int)}. */
    public final String decode(byte[] octets) {
        return decode(octets, 0, octets.length);
    }

    /** Whether {@code text} can be carried by this alphabet, character for character. */
    public final boolean canEncode(CharSequence text) {
        try {
            encode(text);
            return true;
        } catch (TextCodingException e) {
            return false;
        }
    }

    /**
     * Whether segments count this alphabet's characters as septets (160 / 153 per message part) rather than octets
     * (140 / 134). GSM 7-bit and IA5 do: IA5 is a 7-bit code the SMSC sends as GSM septets (Jasmin counts
     * data_coding 0 and 1 alike); Latin-1 and binary are 8-bit, UCS-2 two octets a code unit.
     */
    public final boolean sevenBit() {
        return sevenBit;
    }

    /** The name a person reads in an error message. */
    public final String displayName() {
        return displayName;
    }

    /**
     * Text in one alphabet re-encoded in another (Kannel's alt-charset): {@code to.encode(from.decode(octets))}.
     *
     * @throws TextCodingException if the octets are not text in {@code from} or a character cannot be carried by
     *                             {@code to}; binary converts only to binary, unchanged
     */
    public static byte[] convert(byte[] octets, Alphabet from, Alphabet to) {
        if (from == to) {
            if (from != BINARY) {
                from.decode(octets);
            }
            return octets.clone();
        }
        return to.encode(from.decode(octets));
    }

    private static boolean pairAt(CharSequence text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static byte[] singleOctets(Alphabet alphabet, CharSequence text, int max) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c > max) {
                throw TextCodingException.unencodable(alphabet, text, i);
            }
            out[i] = (byte) c;
        }
        return out;
    }

    private static String fromSingleOctets(Alphabet alphabet, byte[] octets, int offset, int length, int max) {
        checkRange(octets, offset, length);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            int o = octets[offset + i] & 0xFF;
            if (o > max) {
                throw TextCodingException.undecodable(alphabet, i, String.format("octet 0x%02X", o));
            }
            chars[i] = (char) o;
        }
        return new String(chars);
    }

    private static void checkRange(byte[] octets, int offset, int length) {
        if (offset < 0 || length < 0 || offset > octets.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " of " + octets.length);
        }
    }
}
