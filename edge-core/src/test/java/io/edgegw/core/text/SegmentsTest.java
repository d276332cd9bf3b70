package io.edgegw.core.text;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Segment counts at every boundary, and cuts that keep ESC + code and surrogate pairs whole. */
class SegmentsTest {
    private static final Alphabet GSM = Alphabet.GSM7;
    private static final Alphabet UCS2 = Alphabet.UCS2;
    private static final String EURO = "\u20AC";
    private static final String EMOJI = "\uD83D\uDE00";
    private static final Concatenation UDH8 = new Concatenation.Udh8(0x2A);

    @Test
    void capacitiesAreTheGsm0340Figures() {
        assertEquals(List.of(160, 153, 152), capacities(GSM));
        assertEquals(List.of(160, 153, 152), capacities(Alphabet.IA5));
        assertEquals(List.of(70 * 2, 67 * 2, 66 * 2), capacities(UCS2));
        assertEquals(List.of(140, 134, 133), capacities(Alphabet.LATIN1));
        assertEquals(List.of(140, 134, 133), capacities(Alphabet.BINARY));
        assertThrows(IllegalArgumentException.class, () -> Segments.capacity(GSM, 140));
    }

    @Test
    void gsmCountsAt160And153() {
        assertEquals(1, Segments.count("", GSM));
        assertEquals(1, Segments.count("a".repeat(160), GSM));
        assertEquals(2, Segments.count("a".repeat(161), GSM));
        assertEquals(2, Segments.count("a".repeat(153 * 2), GSM));
        assertEquals(3, Segments.count("a".repeat(153 * 2 + 1), GSM));
        assertEquals(2, Segments.count("a".repeat(159) + EURO, GSM), "the euro's second septet is the 161st");
        assertEquals(1, Segments.count("a".repeat(158) + EURO, GSM));
    }

    @Test
    void anEscapePairIsNeverSplitSoAPartMayHold152() {
        String text = "a".repeat(152) + EURO + "b".repeat(10);
        assertEquals(2, Segments.count(text, GSM));
        List<Segments.Part> parts = Segments.split(GSM.encode(text), GSM, UDH8);
        assertEquals(2, parts.size());
        assertEquals("a".repeat(152), GSM.decode(body(parts.get(0), 6)), "the pair would straddle: it moves on");
        assertEquals(EURO + "b".repeat(10), GSM.decode(body(parts.get(1), 6)));

        // the same pair at 153 + 153 pushes a text that would have fitted two parts into a third
        String edge = "a".repeat(152) + EURO + "c".repeat(152);
        assertEquals(306, Gsm7.septets(edge));
        assertEquals(3, Segments.count(edge, GSM));
        assertEquals(3, Segments.split(GSM.encode(edge), GSM, UDH8).size());
        String fits = "a".repeat(151) + EURO + "c".repeat(153);
        assertEquals(2, Segments.count(fits, GSM));
    }

    @Test
    void ucs2CountsAt70And67() {
        assertEquals(1, Segments.count("\u0416".repeat(70), UCS2));
        assertEquals(2, Segments.count("\u0416".repeat(71), UCS2), "issue 14: a 71-character UCS-2 text is 2");
        assertEquals(2, Segments.count("\u0416".repeat(134), UCS2));
        assertEquals(3, Segments.count("\u0416".repeat(135), UCS2));
        assertEquals(1, Segments.count(EMOJI.repeat(35), UCS2), "35 emoji are 70 code units");
        assertEquals(2, Segments.count(EMOJI.repeat(35) + "x", UCS2));
    }

    @Test
    void aSurrogatePairIsNeverSplitAcrossParts() {
        String text = "x".repeat(66) + EMOJI + "y".repeat(10);
        assertEquals(2, Segments.count(text, UCS2));
        List<Segments.Part> parts = Segments.split(UCS2.encode(text), UCS2, UDH8);
        assertEquals("x".repeat(66), UCS2.decode(body(parts.get(0), 6)), "66 units: the pair would be 68");
        assertEquals(EMOJI + "y".repeat(10), UCS2.decode(body(parts.get(1), 6)));
        String twoPairs = EMOJI.repeat(67);
        for (Segments.Part p : Segments.split(UCS2.encode(twoPairs), UCS2, UDH8)) {
            UCS2.decode(body(p, 6)); // throws on a lone surrogate
        }
        assertEquals(3, Segments.count(twoPairs, UCS2), "134 units, but 33 pairs a part: 33 + 33 + 1");
    }

    @Test
    void eightBitCountsAt140And134And133With16BitReferences() {
        assertEquals(1, Segments.count(new byte[140], Alphabet.BINARY));
        assertEquals(2, Segments.count(new byte[141], Alphabet.BINARY));
        assertEquals(2, Segments.count(new byte[268], Alphabet.BINARY));
        assertEquals(3, Segments.count(new byte[269], Alphabet.BINARY));
        assertEquals(2, Segments.split(new byte[266], Alphabet.BINARY, new Concatenation.Udh16(1)).size());
        assertEquals(3, Segments.split(new byte[267], Alphabet.BINARY, new Concatenation.Udh16(1)).size());
        assertEquals(2, Segments.count("\u00E9".repeat(141), Alphabet.LATIN1));
    }

    @Test
    void a300CharacterGsmTextSplitsIntoTwoUdhPartsWithOneReference() {
        String text = Gsm7Test.randomText(new Random(300), Gsm7.basicCharacters(), 300);
        byte[] septets = GSM.encode(text);
        assertEquals(300, septets.length);
        List<Segments.Part> parts = Segments.split(septets, GSM, UDH8);
        assertEquals(2, parts.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Segments.Part p : parts) {
            assertEquals("0500032a02" + String.format("%02x", p.seq()), Gsm7Test.hex(Arrays.copyOf(p.payload(), 6)));
            assertEquals(0x2A, p.reference());
            assertEquals(2, p.total());
            assertTrue(p.payload().length <= 6 + 153);
            joined.writeBytes(body(p, 6));
        }
        assertEquals(text, GSM.decode(joined.toByteArray()));
    }

    @Test
    void sixteenBitReferencePartsCarryASevenOctetHeaderAnd152Septets() {
        String text = "a".repeat(304);
        List<Segments.Part> parts = Segments.split(GSM.encode(text), GSM, new Concatenation.Udh16(0xBEEF));
        assertEquals(2, parts.size());
        assertEquals("060804beef0201", Gsm7Test.hex(Arrays.copyOf(parts.get(0).payload(), 7)));
        assertEquals(7 + 152, parts.get(0).payload().length);
        assertEquals(3, Segments.split(GSM.encode(text + "a"), GSM, new Concatenation.Udh16(1)).size());
    }

    @Test
    void sarPartsCarryNoHeaderAndAreCutLikeEightBitParts() {
        List<Segments.Part> parts = Segments.split(GSM.encode("a".repeat(200)), GSM, new Concatenation.Sar(0x1234));
        assertEquals(2, parts.size());
        assertEquals(153, parts.get(0).payload().length);
        assertEquals(47, parts.get(1).payload().length);
        assertEquals(0x1234, parts.get(1).reference());
        assertEquals(2, parts.get(1).seq());
    }

    @Test
    void aTextThatFitsOneSegmentIsOnePlainPart() {
        byte[] septets = GSM.encode("a".repeat(160));
        List<Segments.Part> parts = Segments.split(septets, GSM, UDH8);
        assertEquals(1, parts.size());
        assertArrayEquals(septets, parts.get(0).payload(), "no header on a single message");
        assertEquals(1, parts.get(0).total());
    }

    @Test
    void packedPartsFitTheirSegmentAndUnpackAfterTheirFillBits() {
        String text = randomGsm(new Random(5), 700);
        byte[] septets = GSM.encode(text);
        List<Segments.Part> unpacked = Segments.split(septets, GSM, UDH8);
        List<Segments.Part> packed = Segments.splitPacked(septets, UDH8);
        assertEquals(unpacked.size(), packed.size());
        for (int i = 0; i < packed.size(); i++) {
            byte[] payload = packed.get(i).payload();
            assertTrue(payload.length <= Segments.USER_DATA_OCTETS, "part " + i + ": " + payload.length);
            byte[] expected = body(unpacked.get(i), 6);
            assertArrayEquals(Arrays.copyOf(payload, 6), Arrays.copyOf(unpacked.get(i).payload(), 6));
            assertArrayEquals(expected, Gsm7Packing.unpack(payload, 6, payload.length - 6, 1, expected.length));
        }
        assertEquals(140, Segments.splitPacked(GSM.encode("a".repeat(306)), UDH8).get(0).payload().length);
    }

    @Test
    void countAgreesWithSplitForRandomTextsInEveryAlphabet() {
        Random random = new Random(1414);
        Concatenation[] kinds = {UDH8, new Concatenation.Sar(9)};
        for (int n = 0; n < 3000; n++) {
            Alphabet a = Alphabet.values()[random.nextInt(Alphabet.values().length)];
            byte[] octets = switch (a) {
                case GSM7 -> GSM.encode(randomGsm(random, random.nextInt(800)));
                case UCS2 -> UCS2.encode(randomMixed(random, random.nextInt(300)));
                default -> randomOctets(random, random.nextInt(800), a == Alphabet.IA5 ? 128 : 256);
            };
            Concatenation kind = kinds[random.nextInt(kinds.length)];
            List<Segments.Part> parts = Segments.split(octets, a, kind);
            assertEquals(parts.size(), Segments.count(octets, a), a + " " + octets.length);
            int header = parts.size() == 1 ? 0 : kind.headerOctets();
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (Segments.Part p : parts) {
                assertArrayEquals(header == 0 ? new byte[0] : kind.header(parts.size(), p.seq()),
                        Arrays.copyOf(p.payload(), header));
                assertTrue(p.payload().length - header <= Segments.capacity(a, parts.size() == 1 ? 0 : 6),
                        a + " part " + p.seq() + " holds " + (p.payload().length - header));
                joined.writeBytes(body(p, header));
            }
            assertArrayEquals(octets, joined.toByteArray(), "the parts put back together are the text");
        }
    }

    @Test
    void moreThan255PartsIsRefused() {
        assertEquals(255, Segments.split(new byte[255 * 134], Alphabet.BINARY, UDH8).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Segments.split(new byte[255 * 134 + 1], Alphabet.BINARY, UDH8));
        assertTrue(e.getMessage().contains("256 parts"), e.getMessage());
        assertEquals(256, Segments.count(new byte[255 * 134 + 1], Alphabet.BINARY), "counting still counts");
    }

    @Test
    void referencesAreBoundedByTheirWidth() {
        assertThrows(IllegalArgumentException.class, () -> new Concatenation.Udh8(256));
        assertThrows(IllegalArgumentException.class, () -> new Concatenation.Udh16(65536));
        assertThrows(IllegalArgumentException.class, () -> new Concatenation.Sar(-1));
    }

    private static List<Integer> capacities(Alphabet a) {
        return List.of(Segments.capacity(a, 0), Segments.capacity(a, 6), Segments.capacity(a, 7));
    }

    private static byte[] body(Segments.Part p, int header) {
        return Arrays.copyOfRange(p.payload(), header, p.payload().length);
    }

    private static String randomGsm(Random random, int length) {
        return Gsm7Test.randomText(random, Gsm7.basicCharacters() + Gsm7.extensionCharacters().repeat(5), length);
    }

    private static String randomMixed(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(3) == 0 ? EMOJI : String.valueOf((char) ('a' + random.nextInt(26))));
        }
        return s.toString();
    }

    private static byte[] randomOctets(Random random, int length, int bound) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) random.nextInt(bound);
        }
        return b;
    }
}
