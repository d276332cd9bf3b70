package io.edgegw.core.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IA5, Latin-1, UCS-2 and binary, checked against the JDK's own charsets, and conversion between alphabets. */
class AlphabetTest {
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void ia5CarriesAsciiAndRefusesTheRestByName() {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            ascii.append(c);
        }
        byte[] octets = Alphabet.IA5.encode(ascii);
        assertArrayEquals(ascii.toString().getBytes(StandardCharsets.US_ASCII), octets);
        assertEquals(ascii.toString(), Alphabet.IA5.decode(octets));
        TextCodingException e = assertThrows(TextCodingException.class, () -> Alphabet.IA5.encode("caf\u00E9"));
        assertEquals(3, e.index());
        assertTrue(e.getMessage().contains("'\u00E9' (U+00E9) at index 3 cannot be carried by IA5"), e.getMessage());
        TextCodingException d = assertThrows(TextCodingException.class,
                () -> Alphabet.IA5.decode(new byte[] {0x41, (byte) 0xE9}));
        assertEquals(1, d.index());
    }

    @Test
    void latin1CarriesEveryOctetAndRefusesTheEuro() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = Alphabet.LATIN1.decode(all);
        assertEquals(new String(all, StandardCharsets.ISO_8859_1), text);
        assertArrayEquals(all, Alphabet.LATIN1.encode(text));
        TextCodingException e = assertThrows(TextCodingException.class, () -> Alphabet.LATIN1.encode("5\u20AC"));
        assertEquals(1, e.index());
        assertTrue(e.getMessage().contains("U+20AC"), e.getMessage());
    }

    @Test
    void ucs2IsUtf16BigEndianWithSurrogatePairs() {
        assertEquals("d83dde00", Gsm7Test.hex(Alphabet.UCS2.encode(EMOJI)));
        Random random = new Random(8);
        for (int n = 0; n < 1000; n++) {
            String text = randomUnicode(random, random.nextInt(100));
            byte[] ours = Alphabet.UCS2.encode(text);
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_16BE), ours);
            assertEquals(text, Alphabet.UCS2.decode(ours));
        }
    }

    @Test
    void ucs2RefusesUnpairedSurrogatesAndOddOctets() {
        TextCodingException lone = assertThrows(TextCodingException.class, () -> Alphabet.UCS2.encode("ab\uD83D"));
        assertEquals(2, lone.index());
        assertTrue(lone.getMessage().contains("unpaired surrogate (U+D83D) at index 2"), lone.getMessage());
        assertThrows(TextCodingException.class, () -> Alphabet.UCS2.encode("\uDE00\uD83D"));
        TextCodingException odd = assertThrows(TextCodingException.class,
                () -> Alphabet.UCS2.decode(new byte[] {0, 0x41, 0}));
        assertEquals(2, odd.index());
        TextCodingException split = assertThrows(TextCodingException.class,
                () -> Alphabet.UCS2.decode(new byte[] {0, 0x41, (byte) 0xD8, 0x3D, 0, 0x41}));
        assertEquals(2, split.index());
        assertTrue(split.getMessage().contains("U+D83D"), split.getMessage());
    }

    @Test
    void binaryIsNotText() {
        assertArrayEquals(new byte[0], Alphabet.BINARY.encode(""));
        assertEquals("", Alphabet.BINARY.decode(new byte[0]));
        assertThrows(TextCodingException.class, () -> Alphabet.BINARY.encode("a"));
        assertThrows(TextCodingException.class, () -> Alphabet.BINARY.decode(new byte[] {1}));
        assertFalse(Alphabet.BINARY.canEncode("a"));
    }

    @Test
    void decodingIsBoundedByTheArray() {
        for (Alphabet a : Alphabet.values()) {
            assertThrows(IndexOutOfBoundsException.class, () -> a.decode(new byte[4], 2, 3), a.name());
            assertThrows(IndexOutOfBoundsException.class, () -> a.decode(new byte[4], -1, 1), a.name());
        }
    }

    @Test
    void conversionCarriesTextBetweenAlphabetsLikeKannelsAltCharset() {
        String text = "Gr\u00FC\u00DFe {\u00C4} 100\u00A3";
        byte[] latin1 = Alphabet.LATIN1.encode(text);
        byte[] gsm = Alphabet.convert(latin1, Alphabet.LATIN1, Alphabet.GSM7);
        assertArrayEquals(Alphabet.GSM7.encode(text), gsm);
        assertEquals(text, Alphabet.GSM7.decode(gsm));
        assertArrayEquals(latin1, Alphabet.convert(gsm, Alphabet.GSM7, Alphabet.LATIN1));
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_16BE), Alphabet.convert(gsm, Alphabet.GSM7, Alphabet.UCS2));

        byte[] euro = Alphabet.GSM7.encode("5\u20AC");
        TextCodingException e = assertThrows(TextCodingException.class,
                () -> Alphabet.convert(euro, Alphabet.GSM7, Alphabet.LATIN1));
        assertEquals(1, e.index());
        assertEquals(Alphabet.LATIN1, e.alphabet());
        assertThrows(TextCodingException.class,
                () -> Alphabet.convert(Alphabet.UCS2.encode("ok " + EMOJI), Alphabet.UCS2, Alphabet.GSM7));
    }

    @Test
    void conversionWithinOneAlphabetStillChecksTheOctetsAndBinaryOnlyGoesToBinary() {
        byte[] bin = {(byte) 0xFF, 0, 0x1B};
        assertArrayEquals(bin, Alphabet.convert(bin, Alphabet.BINARY, Alphabet.BINARY));
        assertThrows(TextCodingException.class, () -> Alphabet.convert(bin, Alphabet.BINARY, Alphabet.LATIN1));
        assertThrows(TextCodingException.class, () -> Alphabet.convert(bin, Alphabet.GSM7, Alphabet.GSM7));
        assertThrows(TextCodingException.class,
                () -> Alphabet.convert(new byte[] {0x41}, Alphabet.LATIN1, Alphabet.BINARY));
    }

    private static String randomUnicode(Random random, int codePoints) {
        StringBuilder s = new StringBuilder();
        while (codePoints-- > 0) {
            int cp;
            do {
                cp = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x10FFFF - 0x10000) : random.nextInt(0x10000);
            } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
            s.appendCodePoint(cp);
        }
        return s.toString();
    }
}
