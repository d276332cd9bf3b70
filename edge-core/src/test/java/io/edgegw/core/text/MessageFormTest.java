package io.edgegw.core.text;

import io.edgegw.core.text.MessageForm.Form;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.edgegw.core.text.MessageForm.NONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A submit's form read from its octets and flags; whatever a hostile peer sends is a result, never an exception. */
class MessageFormTest {
    private static final Alphabet GSM = Alphabet.GSM7;
    private static final int UDHI = MessageForm.ESM_CLASS_UDHI;

    @Test
    void aShortMessageIsOneWholeMessage() {
        MessageForm f = MessageForm.recognise(0, GSM, GSM.encode("a".repeat(160)), null);
        assertEquals(new MessageForm(Form.SHORT_MESSAGE, NONE, 1, 0, 1, null), f);
        assertEquals(Form.SHORT_MESSAGE, MessageForm.recognise(0, GSM, null, null).form(), "an empty message");
        assertEquals(1, MessageForm.recognise(0, GSM, new byte[0], new byte[0]).segments());
        assertEquals(2, MessageForm.recognise(0, GSM, GSM.encode("a".repeat(161)), null).segments(),
                "an over-long short_message counts what it would take");
        assertTrue(!f.isPart());
    }

    @Test
    void aMessagePayloadCountsItsSegments() {
        MessageForm gsm = MessageForm.recognise(0, GSM, null, GSM.encode("a".repeat(300)));
        assertEquals(new MessageForm(Form.MESSAGE_PAYLOAD, NONE, 2, 0, 2, null), gsm);
        assertEquals(2, MessageForm.recognise(0, Alphabet.UCS2, new byte[0],
                Alphabet.UCS2.encode("\u0416".repeat(71))).segments());
        assertEquals(3, MessageForm.recognise(0, Alphabet.BINARY, null, new byte[269]).segments());
        assertEquals(4, MessageForm.recognise(0, GSM, null, GSM.encode("\u20AC".repeat(230))).segments(),
                "460 septets, extension characters kept whole");
    }

    @Test
    void udhPartsAreRecognisedWithTheirReferenceTotalAndSequence() {
        List<Segments.Part> parts = Segments.split(GSM.encode("a".repeat(400)), GSM, new Concatenation.Udh8(200));
        for (Segments.Part p : parts) {
            assertEquals(new MessageForm(Form.UDH_8BIT_REF, 200, 3, p.seq(), 1, null),
                    MessageForm.recognise(UDHI, GSM, p.payload(), null));
        }
        Segments.Part wide = Segments.split(new byte[300], Alphabet.BINARY, new Concatenation.Udh16(0xABCD)).get(1);
        MessageForm f = MessageForm.recognise(UDHI | 0x03, Alphabet.BINARY, null, wide.payload());
        assertEquals(new MessageForm(Form.UDH_16BIT_REF, 0xABCD, 3, 2, 1, null), f);
        assertTrue(f.isPart());
    }

    @Test
    void aConcatenationIeIsFoundAmongOtherIes() {
        // port addressing (IEI 0x05, 4 octets), then 8-bit concatenation: UDHL 11
        byte[] sm = {11, 0x05, 4, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0, 0x00, 3, 7, 2, 2, 'h', 'i'};
        assertEquals(new MessageForm(Form.UDH_8BIT_REF, 7, 2, 2, 1, null), MessageForm.recognise(UDHI, GSM, sm, null));
    }

    @Test
    void aUdhWithoutConcatenationIsAWholeMessageCountedAfterItsHeader() {
        byte[] header = {6, 0x05, 4, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0};
        byte[] fits = concat(header, new byte[133]);
        assertEquals(new MessageForm(Form.SHORT_MESSAGE, NONE, 1, 0, 1, null),
                MessageForm.recognise(UDHI, Alphabet.BINARY, fits, null));
        // 134 octets next to a 7-octet header do not fit one segment: parts hold 140 - 12 = 128
        assertEquals(2, MessageForm.recognise(UDHI, Alphabet.BINARY, null, concat(header, new byte[134])).segments());
        assertEquals(3, MessageForm.recognise(UDHI, Alphabet.BINARY, null, concat(header, new byte[257])).segments());
        assertEquals(1, MessageForm.recognise(UDHI, GSM, header, null).segments(), "a header and no text");
    }

    @Test
    void sarValuesMakeAPart() {
        assertEquals(new MessageForm(Form.SAR, 0xFFFF, 3, 3, 1, null),
                MessageForm.recognise(0, GSM, GSM.encode("end"), null, 0xFFFF, 3, 3));
        assertEquals(Form.SAR, MessageForm.recognise(0, GSM, null, GSM.encode("x".repeat(200)), 0, 2, 1).form(),
                "a SAR part may come as message_payload");
        assertEquals(Form.SAR, MessageForm.recognise(0, GSM, GSM.encode("x"), null, 1, 1, 1).form());
    }

    @Test
    void malformedUserDataHeadersAreReportedNotThrown() {
        assertMalformed("empty", MessageForm.recognise(UDHI, GSM, new byte[0], null));
        assertMalformed("runs past", MessageForm.recognise(UDHI, GSM, new byte[] {5, 0, 3, 1, 2}, null));
        assertMalformed("runs past", MessageForm.recognise(UDHI, GSM, new byte[] {(byte) 0xFF, 0, 3}, null));
        assertMalformed("cut short", MessageForm.recognise(UDHI, GSM, new byte[] {1, 0, 'a'}, null));
        assertMalformed("runs past the UDH", MessageForm.recognise(UDHI, GSM, new byte[] {3, 0, 3, 1, 'a', 'b'}, null));
        assertMalformed("length 2", MessageForm.recognise(UDHI, GSM, new byte[] {4, 0, 2, 1, 2, 'a'}, null));
        assertMalformed("length 3", MessageForm.recognise(UDHI, GSM, new byte[] {5, 8, 3, 1, 2, 1, 'a'}, null));
        assertMalformed("total 0", MessageForm.recognise(UDHI, GSM, udh8(9, 0, 0), null));
        assertMalformed("sequence number 0 of 2", MessageForm.recognise(UDHI, GSM, udh8(9, 2, 0), null));
        assertMalformed("sequence number 3 of 2", MessageForm.recognise(UDHI, GSM, udh8(9, 2, 3), null));
        assertMalformed("sequence number 255 of 1",
                MessageForm.recognise(UDHI, GSM, new byte[] {6, 8, 4, 0, 1, 1, (byte) 0xFF, 'a'}, null));
        byte[] twice = {10, 0, 3, 1, 2, 1, 0, 3, 1, 2, 2, 'a'};
        assertMalformed("two concatenation IEs", MessageForm.recognise(UDHI, GSM, twice, null));
        byte[] huge = new byte[300];
        huge[0] = (byte) 0xF0;
        assertMalformed("does not fit a segment", MessageForm.recognise(UDHI, Alphabet.BINARY, null, huge));
        // a 136- or 132-octet header leaves 4 or 8 octets: 10 need parts, and a part's header would be 141 or 137
        assertMalformed("no room to split the 10 octets",
                MessageForm.recognise(UDHI, Alphabet.BINARY, null, oneIeHeader(133, 10)));
        assertMalformed("no room to split the 10 octets",
                MessageForm.recognise(UDHI, Alphabet.BINARY, null, oneIeHeader(129, 10)));
        assertEquals(1, MessageForm.recognise(UDHI, Alphabet.BINARY, null, oneIeHeader(129, 8)).segments());
        // a 131-octet header leaves 9, and parts 4 octets each: 10 octets are 3 parts
        assertEquals(3, MessageForm.recognise(UDHI, Alphabet.BINARY, null, oneIeHeader(128, 10)).segments());
    }

    @Test
    void malformedSarValuesAndMixedFormsAreReported() {
        byte[] sm = GSM.encode("x");
        assertMalformed("incomplete", MessageForm.recognise(0, GSM, sm, null, 1, NONE, NONE));
        assertMalformed("sar_total_segments absent", MessageForm.recognise(0, GSM, sm, null, 1, NONE, 1));
        assertMalformed("SAR total 0", MessageForm.recognise(0, GSM, sm, null, 1, 0, 0));
        assertMalformed("SAR total 256", MessageForm.recognise(0, GSM, sm, null, 1, 256, 1));
        assertMalformed("sequence number 4 of 3", MessageForm.recognise(0, GSM, sm, null, 1, 3, 4));
        assertMalformed("sequence number 0 of 3", MessageForm.recognise(0, GSM, sm, null, 1, 3, 0));
        assertMalformed("not 16-bit", MessageForm.recognise(0, GSM, sm, null, 65536, 3, 1));
        assertMalformed("not 16-bit", MessageForm.recognise(0, GSM, sm, null, -7, 3, 1));
        assertMalformed("both a UDH", MessageForm.recognise(UDHI, GSM, udh8(1, 2, 1), null, 1, 2, 1));
        assertMalformed("both short_message and message_payload", MessageForm.recognise(0, GSM, sm, sm));
        assertMalformed("short_message of 255", MessageForm.recognise(0, GSM, new byte[255], null));
    }

    @Test
    void randomOctetsNeverThrowAndEveryPartIsInBounds() {
        Random random = new Random(0x5EED);
        int parts = 0;
        for (int n = 0; n < 20_000; n++) {
            MessageForm f = randomSubmit(random).recognise();
            if (f.form() == Form.MALFORMED) {
                assertTrue(f.problem() != null && f.segments() == 0, f.toString());
            } else {
                assertNull(f.problem());
                assertTrue(f.segments() >= 1, f.toString());
            }
            if (f.isPart()) {
                parts++;
                assertTrue(f.total() >= 1 && f.total() <= 255 && f.seq() >= 1 && f.seq() <= f.total()
                        && f.reference() >= 0 && f.reference() <= 0xFFFF && f.segments() == 1, f.toString());
            }
        }
        assertTrue(parts > 1000, "the generator reaches parts too: " + parts);
    }

    @Test
    void theAllocationFreeCountAgreesWithRecogniseOnRandomOctets() {
        Random random = new Random(0xC0DE);
        int[] seen = new int[5];
        for (int n = 0; n < 40_000; n++) {
            RandomSubmit s = randomSubmit(random);
            MessageForm f = s.recognise();
            int segments = MessageForm.segments(s.esmClass, s.alphabet, s.shortMessage, s.payload, s.sarRef,
                    s.sarTotal, s.sarSeq);
            int expected = f.form() == Form.MALFORMED ? malformedCode(f.problem()) : f.segments();
            assertEquals(expected, segments, f + " from " + s);
            seen[segments < 0 ? -segments : 0]++;
        }
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i] > 50, "the generator reaches outcome " + (-i) + ": " + Arrays.toString(seen));
        }
    }

    @Test
    void theAllocationFreeCountSaysWhichPartOfAMalformedSubmitIsWrong() {
        byte[] sm = GSM.encode("x");
        assertEquals(MessageForm.MALFORMED_BODY, MessageForm.segments(0, GSM, sm, sm, NONE, NONE, NONE));
        assertEquals(MessageForm.MALFORMED_BODY, MessageForm.segments(0, GSM, new byte[255], null, NONE, NONE, NONE));
        assertEquals(MessageForm.MALFORMED_UDH,
                MessageForm.segments(UDHI, GSM, new byte[] {5, 0, 3, 1, 2}, null, NONE, NONE, NONE), "runs past");
        assertEquals(MessageForm.MALFORMED_UDH, MessageForm.segments(UDHI, GSM, null, null, NONE, NONE, NONE));
        assertEquals(MessageForm.MALFORMED_UDH, MessageForm.segments(UDHI, GSM, udh8(9, 2, 3), null, NONE, NONE,
                NONE), "sequence 3 of 2");
        assertEquals(MessageForm.SAR_INCOMPLETE, MessageForm.segments(0, GSM, sm, null, 1, NONE, 1));
        assertEquals(MessageForm.MALFORMED_SAR, MessageForm.segments(0, GSM, sm, null, 1, 3, 4));
        assertEquals(MessageForm.MALFORMED_SAR, MessageForm.segments(0, GSM, sm, null, 70_000, 3, 1));
        assertEquals(MessageForm.MALFORMED_SAR, MessageForm.segments(UDHI, GSM, udh8(1, 2, 1), null, 1, 2, 1),
                "both a UDH concatenation IE and SAR values");
        assertEquals(1, MessageForm.segments(0, GSM, null, null, NONE, NONE, NONE), "an empty message");
        assertEquals(1, MessageForm.segments(UDHI, GSM, udh8(9, 2, 2), null, NONE, NONE, NONE));
        assertEquals(1, MessageForm.segments(0, GSM, null, GSM.encode("x".repeat(400)), 5, 3, 2), "a SAR part");
        assertEquals(2, MessageForm.segments(0, GSM, null, GSM.encode("a".repeat(300)), NONE, NONE, NONE));
        assertEquals(2, MessageForm.segments(0, Alphabet.UCS2, null, Alphabet.UCS2.encode("\u0416".repeat(71)),
                NONE, NONE, NONE));
    }

    /** The code {@link MessageForm#segments} gives for the problem {@link MessageForm#recognise} names. */
    private static int malformedCode(String problem) {
        if (problem.startsWith("both a UDH concatenation IE and SAR")) {
            return MessageForm.MALFORMED_SAR;
        }
        if (problem.contains("incomplete")) {
            return MessageForm.SAR_INCOMPLETE;
        }
        if (problem.contains("SAR") || problem.contains("sar_")) {
            return MessageForm.MALFORMED_SAR;
        }
        if (problem.contains("UDH") || problem.contains("esm_class") || problem.contains("concatenation")) {
            return MessageForm.MALFORMED_UDH;
        }
        return MessageForm.MALFORMED_BODY;
    }

    /** One submit's fields as a hostile or careless peer might send them. */
    private record RandomSubmit(int esmClass, Alphabet alphabet, byte[] shortMessage, byte[] payload, int sarRef,
                                int sarTotal, int sarSeq) {
        MessageForm recognise() {
            return MessageForm.recognise(esmClass, alphabet, shortMessage, payload, sarRef, sarTotal, sarSeq);
        }

        @Override
        public String toString() {
            return "esm_class " + esmClass + " " + alphabet + " sm " + Arrays.toString(shortMessage)
                    + " payload " + Arrays.toString(payload) + " SAR " + sarRef + "/" + sarTotal + "/"
                    + sarSeq;
        }
    }

    private static RandomSubmit randomSubmit(Random random) {
        byte[] data = new byte[random.nextInt(10) == 0 ? random.nextInt(600) : random.nextInt(40)];
        random.nextBytes(data);
        if (data.length > 3 && random.nextInt(10) == 0) {
            // one long IE, so long headers next to text that needs parts come up too
            data[0] = (byte) Math.min(255, data.length - 1 - random.nextInt(Math.min(data.length - 1, 20)));
            data[1] = 0x70;
            data[2] = (byte) Math.max(0, (data[0] & 0xFF) - 2);
        }
        int esmClass = random.nextInt(256);
        if (data.length >= 8 && random.nextBoolean()) {
            // a plausible concatenation header, now and then with one octet of it changed
            boolean wide = random.nextBoolean();
            data[0] = (byte) (wide ? 6 : 5);
            data[1] = (byte) (wide ? 8 : 0);
            data[2] = (byte) (wide ? 4 : 3);
            data[wide ? 5 : 4] = (byte) random.nextInt(4);
            data[wide ? 6 : 5] = (byte) random.nextInt(5);
            if (random.nextInt(4) == 0) {
                data[random.nextInt(8)] = (byte) random.nextInt(256);
            }
            esmClass |= random.nextInt(8) == 0 ? 0 : UDHI;
        }
        Alphabet a = Alphabet.values()[random.nextInt(Alphabet.values().length)];
        int sar = random.nextInt(8) == 0 ? random.nextInt(300) - 20 : NONE;
        int sarTotal = sar == NONE ? NONE : random.nextInt(16) == 0 ? NONE : 2;
        if (random.nextBoolean()) {
            return new RandomSubmit(esmClass, a, data, random.nextInt(16) == 0 ? data : null, sar, sarTotal, sar);
        }
        return new RandomSubmit(esmClass, a, null, data, NONE, NONE, NONE);
    }

    @Test
    void partReferenceTellsWhichLongMessageAPartBelongsTo() {
        int sar = io.edgegw.core.message.ShortMessage.sar(0xBEEF, 3, 2);
        assertEquals(3 << 16 | 0xBEEF, MessageForm.partReference(0, new byte[] {'a'}, sar));
        assertEquals(1 << 16 | 0xA7, MessageForm.partReference(UDHI, udh8(0xA7, 3, 1), 0));
        assertEquals(2 << 16 | 0x1234,
                MessageForm.partReference(UDHI, new byte[] {6, 8, 4, 0x12, 0x34, 3, 1, 'a'}, 0));
        // behind another IE, as a part of a message with a header of its own carries it
        assertEquals(1 << 16 | 9, MessageForm.partReference(UDHI,
                new byte[] {9, 0x70, 2, 0, 0, 0, 3, 9, 2, 1, 'a'}, 0));
        assertEquals(MessageForm.NOT_A_PART, MessageForm.partReference(0, udh8(7, 3, 1), 0), "no UDHI: text");
        assertEquals(MessageForm.NOT_A_PART, MessageForm.partReference(UDHI, oneIeHeader(2, 5), 0));
        assertEquals(MessageForm.NOT_A_PART, MessageForm.partReference(UDHI, new byte[] {9, 0, 3}, 0),
                "a header longer than the message");
        assertEquals(MessageForm.NOT_A_PART, MessageForm.partReference(UDHI, new byte[0], 0));
        assertEquals(MessageForm.NOT_A_PART, MessageForm.partReference(0, "hello".getBytes(), 0));
    }

    /** A header of one IE (0x70) of {@code ieLength} octets, then {@code text} octets. */
    private static byte[] oneIeHeader(int ieLength, int text) {
        byte[] data = new byte[3 + ieLength + text];
        data[0] = (byte) (2 + ieLength);
        data[1] = 0x70;
        data[2] = (byte) ieLength;
        return data;
    }

    private static byte[] udh8(int ref, int total, int seq) {
        return new byte[] {5, 0, 3, (byte) ref, (byte) total, (byte) seq, 'a'};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void assertMalformed(String expected, MessageForm f) {
        assertEquals(Form.MALFORMED, f.form(), f.toString());
        assertEquals(0, f.segments());
        assertTrue(f.problem().contains(expected), "'" + f.problem() + "' should mention '" + expected + "'");
    }
}
