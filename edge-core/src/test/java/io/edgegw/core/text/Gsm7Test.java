package io.edgegw.core.text;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.commons.charset.GSMBitPacker;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GSM 03.38: the tables character by character, errors that name the character, and Cloudhopper as an oracle. */
class Gsm7Test {
    private static final Alphabet GSM = Alphabet.GSM7;

    @Test
    void everyBasicCharacterIsOneSeptetAndRoundTrips() {
        int seen = 0;
        for (int septet = 0; septet < 128; septet++) {
            if (septet == 0x1B) {
                continue;
            }
            String c = GSM.decode(new byte[] {(byte) septet});
            assertEquals(1, c.length(), "septet " + septet);
            assertArrayEquals(new byte[] {(byte) septet}, GSM.encode(c), "character " + c);
            assertEquals(1, Segments.count(c, GSM));
            seen++;
        }
        assertEquals(127, seen);
        assertEquals(127, Gsm7.basicCharacters().length());
        assertEquals(127, GSM.encode(Gsm7.basicCharacters()).length, "no basic character costs two septets");
    }

    @Test
    void basicTableMatchesTs23038AtItsLandmarks() {
        assertEquals("@", GSM.decode(new byte[] {0x00}));
        assertEquals("\u00C7", GSM.decode(new byte[] {0x09}), "capital C cedilla, not the small one");
        assertEquals("\u0394", GSM.decode(new byte[] {0x10}));
        assertEquals("\u00A4", GSM.decode(new byte[] {0x24}), "currency sign, not the dollar");
        assertEquals("$", GSM.decode(new byte[] {0x02}));
        assertEquals("\u00A1", GSM.decode(new byte[] {0x40}));
        assertEquals("\u00E0", GSM.decode(new byte[] {0x7F}));
        assertEquals("\n", GSM.decode(new byte[] {0x0A}));
        assertEquals("\r", GSM.decode(new byte[] {0x0D}));
    }

    @Test
    void everyExtensionCharacterCostsTwoSeptetsEscapeFirst() {
        String ext = Gsm7.extensionCharacters();
        assertEquals("\f^{}\\[~]|\u20AC", ext);
        byte[] codes = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
        for (int i = 0; i < ext.length(); i++) {
            String c = ext.substring(i, i + 1);
            byte[] septets = GSM.encode(c);
            assertArrayEquals(new byte[] {0x1B, codes[i]}, septets, "character " + c);
            assertEquals(c, GSM.decode(septets));
            assertEquals(2, Gsm7.septets(c));
        }
    }

    @Test
    void theEuroSignCostsTwoSeptets() {
        assertEquals(2, Gsm7.septets("\u20AC"));
        assertEquals(1, Segments.count("\u20AC".repeat(80), GSM), "80 euros are 160 septets");
        assertEquals(2, Segments.count("\u20AC".repeat(80) + "a", GSM));
    }

    @Test
    void aCharacterOutsideTheAlphabetIsAnErrorNamingItAndItsIndex() {
        TextCodingException e = assertThrows(TextCodingException.class, () -> GSM.encode("Gar\u00E7on"));
        assertEquals(3, e.index());
        assertEquals(Alphabet.GSM7, e.alphabet());
        assertTrue(e.getMessage().contains("'\u00E7' (U+00E7) at index 3"), e.getMessage());

        TextCodingException emoji = assertThrows(TextCodingException.class, () -> GSM.encode("hi \uD83D\uDE00"));
        assertEquals(3, emoji.index());
        assertTrue(emoji.getMessage().contains("U+1F600"), emoji.getMessage());

        TextCodingException esc = assertThrows(TextCodingException.class, () -> GSM.encode("a\u001Bb"));
        assertEquals(1, esc.index(), "the escape itself is not a character to send");
        assertFalse(GSM.canEncode("`"));
        assertTrue(GSM.canEncode("Hello {world} \u20AC5 @ \u00C4\u00D6"));
    }

    @Test
    void decodingRefusesWhatIsNotGsmAndReadsUnknownEscapesAsTheBasicCharacter() {
        TextCodingException high = assertThrows(TextCodingException.class,
                () -> GSM.decode(new byte[] {0x41, (byte) 0x80}));
        assertEquals(1, high.index());
        assertTrue(high.getMessage().contains("0x80"), high.getMessage());
        TextCodingException trailing = assertThrows(TextCodingException.class,
                () -> GSM.decode(new byte[] {0x41, 0x42, 0x1B}));
        assertEquals(2, trailing.index());
        assertThrows(TextCodingException.class, () -> GSM.decode(new byte[] {0x1B, 0x1B, 0x41}));
        assertEquals("A", GSM.decode(new byte[] {0x1B, 0x41}), "TS 23.038: show the basic table's character");
        assertEquals("b", GSM.decode(new byte[] {0x61, 0x62, 0x63}, 1, 1));
    }

    @Test
    void encodingMatchesCloudhoppersGsmCharsetForRandomGsmText() {
        String chars = Gsm7.basicCharacters() + Gsm7.extensionCharacters();
        Random random = new Random(14);
        for (int n = 0; n < 2000; n++) {
            String text = randomText(random, chars, random.nextInt(400));
            byte[] ours = GSM.encode(text);
            assertArrayEquals(CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM), ours, text);
            assertEquals(text, CharsetUtil.decode(ours, CharsetUtil.CHARSET_GSM), "Cloudhopper reads ours back");
            assertEquals(text, GSM.decode(ours));
        }
    }

    @Test
    void packingMatchesCloudhoppersBitPackerAndUnpacksBack() {
        Random random = new Random(1403);
        for (int n = 0; n < 2000; n++) {
            byte[] septets = randomSeptets(random, random.nextInt(200));
            byte[] packed = Gsm7Packing.pack(septets, 0);
            assertArrayEquals(GSMBitPacker.pack(septets), packed, "length " + septets.length);
            assertEquals(Gsm7Packing.packedLength(septets.length, 0), packed.length);
            assertArrayEquals(septets, Gsm7Packing.unpack(packed, 0, packed.length, 0, septets.length));
        }
    }

    @Test
    void theSpecExampleHellohelloPacksToItsKnownOctets() {
        byte[] packed = Gsm7Packing.pack(GSM.encode("hellohello"), 0);
        assertEquals("e8329bfd4697d9ec37", hex(packed));
    }

    @Test
    void fillBitsShiftTheTextOntoTheNextSeptetBoundaryAfterAHeader() {
        assertEquals(1, Gsm7Packing.fillBits(6), "8-bit reference concatenation header");
        assertEquals(0, Gsm7Packing.fillBits(7), "16-bit reference concatenation header");
        assertEquals(0, Gsm7Packing.fillBits(0));
        assertEquals(6, Gsm7Packing.fillBits(1));
        Random random = new Random(7);
        for (int n = 0; n < 1000; n++) {
            byte[] septets = randomSeptets(random, 1 + random.nextInt(160));
            int fill = random.nextInt(7);
            byte[] packed = Gsm7Packing.pack(septets, fill);
            // independent reading: the fill-bit packing is the plain packing, as a little-endian number, shifted left
            BigInteger plain = littleEndian(Gsm7Packing.pack(septets, 0));
            assertEquals(plain.shiftLeft(fill), littleEndian(packed), "fill " + fill);
            assertEquals(Gsm7Packing.packedLength(septets.length, fill), packed.length);
            assertArrayEquals(septets, Gsm7Packing.unpack(packed, 0, packed.length, fill, septets.length));
        }
        // 153 septets after a 6-octet header and 1 fill bit fill the 140 octets of a segment exactly
        assertEquals(134, Gsm7Packing.packedLength(153, 1));
        assertEquals(133, Gsm7Packing.packedLength(152, 0));
    }

    @Test
    void unpackingIsBoundedByTheOctetsGiven() {
        byte[] packed = Gsm7Packing.pack(GSM.encode("abcdefgh"), 0);
        assertEquals(7, packed.length);
        assertThrows(IllegalArgumentException.class, () -> Gsm7Packing.unpack(packed, 0, 7, 0, 9));
        assertThrows(IllegalArgumentException.class, () -> Gsm7Packing.unpack(packed, 0, 7, 1, 8));
        assertThrows(IllegalArgumentException.class, () -> Gsm7Packing.unpack(packed, 3, 7, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Gsm7Packing.unpack(packed, 0, 7, 7, 1));
        assertThrows(IllegalArgumentException.class, () -> Gsm7Packing.pack(new byte[] {(byte) 0x80}, 0));
        assertEquals("abcdefgh", GSM.decode(Gsm7Packing.unpack(packed, 0, 7, 0, 8)));
    }

    static String randomText(Random random, String chars, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }

    private static byte[] randomSeptets(Random random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) random.nextInt(128);
        }
        return b;
    }

    private static BigInteger littleEndian(byte[] b) {
        byte[] big = new byte[b.length + 1];
        for (int i = 0; i < b.length; i++) {
            big[b.length - i] = b[i];
        }
        return new BigInteger(big);
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
