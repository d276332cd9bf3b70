package io.edgegw.core.text;

import java.util.Arrays;

/**
 * The GSM 03.38 (3GPP TS 23.038 §6.2.1) default alphabet and its extension table, one septet per octet ("unpacked",
 * as SMPP's short_message carries data_coding 0 normally). A character of the extension table costs two septets:
 * the escape 0x1B, then its code. Packing eight septets into seven octets is {@link Gsm7Packing}'s job.
 */
final class Gsm7 {
    static final int ESC = 0x1B;

    /** The basic table, indexed by septet; 0x1B is the escape, not a character. */
    private static final String BASIC = "@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5"
            + "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u001B\u00C6\u00E6\u00DF\u00C9"
            + " !\"#\u00A4%&'()*+,-./"
            + "0123456789:;<=>?"
            + "\u00A1ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7"
            + "\u00BFabcdefghijklmno"
            + "pqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0";

    /** The extension table as (septet, character) pairs: form feed (page break) ^ { } \ [ ~ ] | and the euro sign. */
    private static final char[][] EXTENSION = {{0x0A, '\f'}, {0x14, '^'}, {0x28, '{'}, {0x29, '}'}, {0x2F, '\\'},
            {0x3C, '['}, {0x3D, '~'}, {0x3E, ']'}, {0x40, '|'}, {0x65, '\u20AC'}};

    private static final char EURO = '\u20AC';
    /** Characters below this (the Greek capitals end at U+03A9) are looked up in {@link #ENCODE}; the euro aside. */
    private static final int TABLE_END = 0x3AA;
    /** Character -> septet (0..127), or 0x100 | extension septet, or -1 when not in the alphabet. */
    private static final short[] ENCODE = new short[TABLE_END];
    /** Extension septet -> character, or 0 where the extension table has none. */
    private static final char[] EXT_DECODE = new char[128];
    private static final int EURO_EXT = 0x65;

    static {
        if (BASIC.length() != 128) {
            throw new AssertionError("GSM basic table has " + BASIC.length() + " entries");
        }
        Arrays.fill(ENCODE, (short) -1);
        for (int septet = 0; septet < 128; septet++) {
            if (septet != ESC) {
                ENCODE[BASIC.charAt(septet)] = (short) septet;
            }
        }
        for (char[] e : EXTENSION) {
            EXT_DECODE[e[0]] = e[1];
            if (e[1] != EURO) {
                ENCODE[e[1]] = (short) (0x100 | e[0]);
            }
        }
    }

    private Gsm7() {
    }

    /** The septets for {@code c}: 0..127 for the basic table, 0x100 | code for the extension table, -1 for none. */
    static int lookup(char c) {
        if (c < TABLE_END) {
            return ENCODE[c];
        }
        return c == EURO ? 0x100 | EURO_EXT : -1;
    }

    /** How many septets {@code text} costs, or throws naming the first character the alphabet lacks. */
    static int septets(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int code = lookup(text.charAt(i));
            if (code < 0) {
                throw TextCodingException.unencodable(Alphabet.GSM7, text, i);
            }
            n += code > 0xFF ? 2 : 1;
        }
        return n;
    }

    /** The text as unpacked septets, one per octet. */
    static byte[] encode(CharSequence text) {
        byte[] out = new byte[septets(text)];
        int o = 0;
        for (int i = 0; i < text.length(); i++) {
            int code = lookup(text.charAt(i));
            if (code > 0xFF) {
                out[o++] = ESC;
            }
            out[o++] = (byte) code;
        }
        return out;
    }

    /**
     * Unpacked septets as text. An escape followed by a code the extension table lacks reads as that code's basic
     * character, as TS 23.038 tells a receiver to display it; an escape at the end, an escape followed by another
     * escape (reserved for a further table) or an octet above 0x7F is an error.
     */
    static String decode(byte[] octets, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int septet = octets[i] & 0xFF;
            if (septet > 0x7F) {
                throw TextCodingException.undecodable(Alphabet.GSM7, i - offset, String.format("octet 0x%02X", septet));
            }
            if (septet != ESC) {
                out.append(BASIC.charAt(septet));
                continue;
            }
            if (i + 1 >= end) {
                throw TextCodingException.undecodable(Alphabet.GSM7, i - offset, "an escape with nothing after it");
            }
            int code = octets[++i] & 0xFF;
            if (code > 0x7F || code == ESC) {
                throw TextCodingException.undecodable(Alphabet.GSM7, i - offset,
                        String.format("escape followed by 0x%02X", code));
            }
            char ext = EXT_DECODE[code];
            out.append(ext != 0 ? ext : BASIC.charAt(code));
        }
        return out.toString();
    }

    /** Every character of the basic table, in septet order (the escape left out). */
    static String basicCharacters() {
        return BASIC.substring(0, ESC) + BASIC.substring(ESC + 1);
    }

    /** Every character of the extension table. */
    static String extensionCharacters() {
        StringBuilder s = new StringBuilder();
        for (char[] e : EXTENSION) {
            s.append(e[1]);
        }
        return s.toString();
    }
}
