package io.edgegw.core.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AltCharsetTest {
    private static final byte[] UDH = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01};

    @Test
    void onlyDataCodingZeroBetweenDifferentDefaultsIsConverted() {
        assertTrue(AltCharset.needed(0, Alphabet.LATIN1, Alphabet.GSM7));
        assertFalse(AltCharset.needed(0, Alphabet.GSM7, Alphabet.GSM7));
        assertFalse(AltCharset.needed(DataCoding.LATIN1, Alphabet.LATIN1, Alphabet.GSM7));
        assertFalse(AltCharset.needed(DataCoding.UCS2, Alphabet.GSM7, Alphabet.LATIN1));
        byte[] same = {0x41};
        assertSame(same, AltCharset.convert(same, 0, Alphabet.GSM7, Alphabet.GSM7));
    }

    @Test
    void latin1AtSignBecomesTheGsmAtSignAndBack() {
        byte[] latin = "a@b\u00E9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] gsm = AltCharset.convert(latin, 0, Alphabet.LATIN1, Alphabet.GSM7);
        // GSM 03.38: '@' is 0x00, 'é' is 0x05
        assertArrayEquals(new byte[] {'a', 0x00, 'b', 0x05}, gsm);
        assertArrayEquals(latin, AltCharset.convert(gsm, 0, Alphabet.GSM7, Alphabet.LATIN1));
    }

    @Test
    void anExtensionCharacterGrowsToTwoSeptets() {
        byte[] latin = "[x]".getBytes(StandardCharsets.ISO_8859_1);
        byte[] gsm = AltCharset.convert(latin, 0, Alphabet.LATIN1, Alphabet.GSM7);
        assertArrayEquals(new byte[] {0x1B, 0x3C, 'x', 0x1B, 0x3E}, gsm);
    }

    @Test
    void aCharacterTheCarrierCannotCarryIsAnErrorNotAQuestionMark() {
        byte[] latin = "caf\u00F4".getBytes(StandardCharsets.ISO_8859_1); // ô is not in GSM 03.38
        TextCodingException e = assertThrows(TextCodingException.class,
                () -> AltCharset.convert(latin, 0, Alphabet.LATIN1, Alphabet.GSM7));
        assertEquals(Alphabet.GSM7, e.alphabet());
        assertEquals(3, e.index());
        byte[] gsmEuro = {0x1B, 0x65};
        assertThrows(TextCodingException.class, () -> AltCharset.convert(gsmEuro, 0, Alphabet.GSM7, Alphabet.IA5));
    }

    @Test
    void theUserDataHeaderIsKeptOctetForOctet() {
        byte[] part = concat(UDH, "@ok".getBytes(StandardCharsets.ISO_8859_1));
        byte[] out = AltCharset.convert(part, 0x40, Alphabet.LATIN1, Alphabet.GSM7);
        assertArrayEquals(concat(UDH, new byte[] {0x00, 'o', 'k'}), out);
        // without UDHI the header's octets are read as text: U+0005 is no GSM character
        assertThrows(TextCodingException.class, () -> AltCharset.convert(part, 0, Alphabet.LATIN1, Alphabet.GSM7));
    }

    @Test
    void aPartThatNoLongerFitsItsSegmentFails() {
        byte[] full = new byte[134];
        java.util.Arrays.fill(full, (byte) 'a');
        full[0] = '[';
        // 134 Latin-1 octets fit a part; 135 septets fit too (153), so this converts
        assertEquals(UDH.length + 135, AltCharset.convert(concat(UDH, full), 0x40, Alphabet.LATIN1, Alphabet.GSM7)
                .length);
        byte[] gsm = new byte[153];
        java.util.Arrays.fill(gsm, (byte) 'a');
        TextCodingException e = assertThrows(TextCodingException.class,
                () -> AltCharset.convert(concat(UDH, gsm), 0x40, Alphabet.GSM7, Alphabet.LATIN1));
        assertTrue(e.getMessage().contains("134"), e.getMessage());
    }

    @Test
    void aHeaderLongerThanTheMessageIsAnError() {
        assertThrows(TextCodingException.class,
                () -> AltCharset.convert(new byte[] {0x09, 0x00, 0x03}, 0x40, Alphabet.LATIN1, Alphabet.GSM7));
        assertThrows(TextCodingException.class,
                () -> AltCharset.convert(new byte[0], 0x40, Alphabet.LATIN1, Alphabet.GSM7));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
