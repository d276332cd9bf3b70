package io.edgegw.simulator.load;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.simulator.smsc.SubmitObserver;
import io.edgegw.simulator.wire.Pdu;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --text-mix}: what the carrier simulator sees of long and Unicode texts, and that receipts still all match. */
class TextMixTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    private static final short MESSAGE_PAYLOAD = OptionalParameter.Tag.MESSAGE_PAYLOAD.code();
    private static final int UDHI = 0x40;

    /** Every submit_sm the simulated SMSC reads, in the order it read them. */
    private static final class Submits implements SubmitObserver {
        final ConcurrentLinkedQueue<Pdu.SubmitSm> seen = new ConcurrentLinkedQueue<>();

        @Override
        public void accepted(byte[] shortMessage, String messageId) {
        }

        @Override
        public void received(Pdu.SubmitSm submit) {
            seen.add(submit);
        }
    }

    private static LoadReport run(Submits submits, int sessions, long messages, TextMix mix) throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0), submits)) {
            LoadConfig config = LoadConfig.of("127.0.0.1", smsc.port(), "tenant", "pw", sessions, messages)
                    .withTextMix(mix);
            return new LoadGenerator(config, QUIET).run();
        }
    }

    @Test
    void longTextsAsUdhArriveAsTwoPartsWithOneReferenceInOrderAndEveryPartGetsItsReceipt() throws Exception {
        Submits submits = new Submits();
        LoadReport report = run(submits, 2, 40, TextMix.parse("long=1", TextMix.LongForm.UDH));

        assertTrue(report.success(), report.toText());
        assertEquals(40, report.submitted());
        assertEquals(40, report.receiptsMatched(), report.toText());
        assertEquals(0, report.receiptsUnmatched());
        assertEquals(List.of(new LoadReport.KindSent("long", 20, 40)), report.sentByKind());
        assertTrue(report.toText().contains("text mix         short=0,long=1,unicode=0 (long as udh): long 20 messages"
                + " in 40 submits"), report.toText());

        assertEquals(40, submits.seen.size());
        Map<Integer, List<Pdu.SubmitSm>> byReference = new TreeMap<>();
        for (Pdu.SubmitSm s : submits.seen) {
            byte[] sm = s.shortMessage();
            assertEquals(UDHI, s.fields().esmClass() & UDHI, "UDHI set");
            assertEquals(0, s.fields().dataCoding());
            assertArrayEquals(new byte[] {5, 0, 3}, Arrays.copyOf(sm, 3), "UDH length 5, IEI 0x00, IE length 3");
            assertEquals(2, sm[4], "total");
            byReference.computeIfAbsent(sm[3] & 0xFF, r -> new ArrayList<>()).add(s);
        }
        assertEquals(20, byReference.size(), "one reference per message");
        byReference.forEach((reference, parts) -> {
            assertEquals(2, parts.size());
            assertEquals(1, parts.get(0).shortMessage()[5], "part 1 read first: same session, in order");
            assertEquals(2, parts.get(1).shortMessage()[5]);
            assertEquals(parts.get(0).fields().destination(), parts.get(1).fields().destination());
            String first = ascii(parts.get(0).shortMessage());
            assertEquals(153, first.length(), "153 GSM characters beside a 6-octet UDH");
            assertEquals(TextMessages.text(TextKind.LONG, reference), first + ascii(parts.get(1).shortMessage()));
        });
    }

    private static String ascii(byte[] udhPart) {
        return new String(udhPart, 6, udhPart.length - 6, StandardCharsets.US_ASCII);
    }

    @Test
    void unicodeTextsArriveAsUcs2InMessagePayloadAndDecodeToTheGeneratedText() throws Exception {
        Submits submits = new Submits();
        LoadReport report = run(submits, 1, 10, TextMix.parse("unicode=1", TextMix.LongForm.PAYLOAD));

        assertTrue(report.success(), report.toText());
        assertEquals(List.of(new LoadReport.KindSent("unicode", 10, 10)), report.sentByKind());
        assertEquals(10, submits.seen.size());
        long m = 0;
        for (Pdu.SubmitSm s : submits.seen) {
            assertEquals(8, s.fields().dataCoding(), "UCS-2");
            assertEquals(0, s.fields().esmClass());
            assertEquals(0, s.shortMessage().length, "sm_length 0 beside message_payload");
            String text = new String(s.tlvs().value(MESSAGE_PAYLOAD), StandardCharsets.UTF_16BE);
            assertEquals(TextMessages.text(TextKind.UNICODE, m++), text);
            assertEquals(100, text.length());
            assertTrue(text.contains("\uD83D\uDE00") && text.contains("\u041f\u0440\u0438\u0432\u0435\u0442"), text);
        }
    }

    @Test
    void unicodeAsUdhIsCutAt67UnitsButNeverThroughASurrogatePair() throws Exception {
        Submits submits = new Submits();
        LoadReport report = run(submits, 1, 6, TextMix.parse("unicode=1", TextMix.LongForm.UDH));

        assertTrue(report.success(), report.toText());
        List<Pdu.SubmitSm> seen = new ArrayList<>(submits.seen);
        assertEquals(6, seen.size());
        for (int m = 0; m < 3; m++) {
            byte[] one = seen.get(2 * m).shortMessage();
            byte[] two = seen.get(2 * m + 1).shortMessage();
            assertEquals(8, seen.get(2 * m).fields().dataCoding());
            assertArrayEquals(new byte[] {5, 0, 3, (byte) m, 2, 1}, Arrays.copyOf(one, 6));
            assertArrayEquals(new byte[] {5, 0, 3, (byte) m, 2, 2}, Arrays.copyOf(two, 6));
            String a = new String(one, 6, one.length - 6, StandardCharsets.UTF_16BE);
            String b = new String(two, 6, two.length - 6, StandardCharsets.UTF_16BE);
            assertEquals(66, a.length(), "the pair at 66-67 moves whole into part 2");
            assertFalse(Character.isHighSurrogate(a.charAt(a.length() - 1)));
            assertTrue(b.startsWith("\uD83D\uDE00"), b);
            assertEquals(TextMessages.text(TextKind.UNICODE, m), a + b);
        }
    }

    @Test
    void theDefaultMixSendsTodaysShortTextByteForByte() throws Exception {
        Submits submits = new Submits();
        LoadReport report = run(submits, 2, 50, TextMix.DEFAULT);

        assertTrue(report.success(), report.toText());
        assertEquals("", report.textMix());
        assertFalse(report.toText().contains("text mix"), report.toText());
        Set<String> texts = new HashSet<>();
        for (Pdu.SubmitSm s : submits.seen) {
            assertEquals(0, s.fields().esmClass());
            assertEquals(0, s.fields().dataCoding());
            assertTrue(s.tlvs().isEmpty(), "no TLV");
            texts.add(new String(s.shortMessage(), StandardCharsets.US_ASCII));
            // destination of message n: the prefix and n zero-padded to the width of 999999
            String n = new String(s.shortMessage(), StandardCharsets.US_ASCII).substring("load message ".length());
            assertEquals(String.format("4470%06d", Long.parseLong(n)), s.fields().destination());
        }
        Set<String> expected = new HashSet<>();
        for (int n = 0; n < 50; n++) {
            expected.add("load message " + n);
        }
        assertEquals(expected, texts);
        assertArrayEquals("load message 7".getBytes(StandardCharsets.US_ASCII), submits.seen.stream()
                .filter(s -> s.shortMessage().length == 14 && s.shortMessage()[13] == '7').findFirst()
                .orElseThrow().shortMessage());
    }

    @Test
    void aMixedRunRepeatsAndEndsWithShortTextsWhenALongOneNoLongerFits() {
        TextMix mix = TextMix.parse("short=2,long=1,unicode=1", TextMix.LongForm.UDH);
        List<TextKind> kinds = kinds(new MessagePlan(mix, 10));
        // a cycle of 4 messages takes 6 submits (S L U S); then S and L fit, U would overrun 10: a short one instead
        assertEquals(List.of(TextKind.SHORT, TextKind.LONG, TextKind.UNICODE, TextKind.SHORT, TextKind.SHORT,
                TextKind.LONG, TextKind.SHORT), kinds);
        assertEquals(10, kinds.stream().mapToInt(k -> TextMessages.parts(k, TextMix.LongForm.UDH)).sum());
        assertEquals(kinds, kinds(new MessagePlan(mix, 10)), "the same run sends the same messages");
        assertEquals(11, kinds(new MessagePlan(mix, 11)).stream()
                .mapToInt(k -> TextMessages.parts(k, TextMix.LongForm.UDH)).sum());
    }

    private static List<TextKind> kinds(MessagePlan plan) {
        List<TextKind> kinds = new ArrayList<>();
        for (long m = 0; m < plan.messages(); m++) {
            kinds.add(plan.kind(m));
        }
        return kinds;
    }

    @Test
    void badSpecsAreRefusedNamingTheEntry() {
        assertThrows(IllegalArgumentException.class, () -> TextMix.parse("short=1,tiny=2", TextMix.LongForm.UDH));
        assertThrows(IllegalArgumentException.class, () -> TextMix.parse("short=-1,long=2", TextMix.LongForm.UDH));
        assertThrows(IllegalArgumentException.class, () -> TextMix.parse("short=0", TextMix.LongForm.UDH));
        assertThrows(IllegalArgumentException.class, () -> TextMix.parse("long=1,long=1", TextMix.LongForm.UDH));
        assertThrows(IllegalArgumentException.class, () -> TextMix.LongForm.parse("sar"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new CommandLine(new LoadCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
                .execute("--text-mix", "short=1,huge=1", "--port", "1");
        assertEquals(1, exit);
        String help = new CommandLine(new LoadCommand()).getUsageMessage();
        assertTrue(help.contains("--text-mix") && help.contains("--long-as"), help);
    }
}
