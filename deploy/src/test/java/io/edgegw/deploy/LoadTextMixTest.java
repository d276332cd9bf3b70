package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.Concatenation;
import io.edgegw.core.text.MessageForm;
import io.edgegw.core.text.Segments;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.load.TextMix;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.simulator.smsc.SubmitObserver;
import io.edgegw.simulator.wire.Pdu;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code edge load --text-mix} through the real gateway to the carrier simulator: what the carrier gets, read with the
 * gateway's own text library ({@link MessageForm}, {@link Segments}) as an oracle independent of the load generator's
 * cutting, and every part's receipt back to the tenant.
 */
class LoadTextMixTest {
    private static final short MESSAGE_PAYLOAD = OptionalParameter.Tag.MESSAGE_PAYLOAD.code();
    @TempDir
    Path storage;

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

    private LoadReport run(Submits submits, long messages, TextMix mix) throws Exception {
        SmscConfig carrier = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge").withTiming(0, 10);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(carrier, submits);
             Gateway gateway = GatewayFixture.start(storage, smsc.port())) {
            LoadConfig load = LoadConfig.of("127.0.0.1", GatewayFixture.smppPort(gateway), "acme", "acme-pw", 2,
                    messages).withRate(0, 20).withReceipts(true, 60).withTextMix(mix);
            return new LoadGenerator(load, new PrintStream(OutputStream.nullOutputStream())).run();
        }
    }

    private static byte[] content(Pdu.SubmitSm s) {
        byte[] payload = s.tlvs().value(MESSAGE_PAYLOAD);
        return s.shortMessage().length == 0 && payload != null ? payload : s.shortMessage();
    }

    @Test
    void longTextsAsUdhReachTheCarrierAsTheTwoPartsTheGatewaysLibraryWouldCutAndEveryReceiptComesBack()
            throws Exception {
        Submits submits = new Submits();
        LoadReport report = run(submits, 60, TextMix.parse("long=1", TextMix.LongForm.UDH));

        assertTrue(report.success(), report.toText());
        assertEquals(60, report.acknowledged(), report.toText());
        assertEquals(60, report.receiptsMatched(), "each part has its own message id and receipt");
        assertEquals(List.of(new LoadReport.KindSent("long", 30, 60)), report.sentByKind());

        Map<Integer, List<Pdu.SubmitSm>> byReference = new TreeMap<>();
        for (Pdu.SubmitSm s : submits.seen) {
            MessageForm form = MessageForm.recognise(s.fields().esmClass(), Alphabet.GSM7, s.shortMessage(), null);
            assertEquals(MessageForm.Form.UDH_8BIT_REF, form.form(), form.toString());
            assertEquals(2, form.total(), "300 GSM characters are 2 parts");
            byReference.computeIfAbsent(form.reference(), r -> new ArrayList<>()).add(s);
        }
        assertEquals(30, byReference.size(), "one reference per message");
        byReference.forEach((reference, parts) -> {
            parts.sort((a, b) -> Integer.compare(a.shortMessage()[5], b.shortMessage()[5]));
            assertEquals(2, parts.size(), "no part sent twice, none missing: " + reference);
            byte[] first = parts.get(0).shortMessage();
            String text = new String(first, 6, first.length - 6, StandardCharsets.US_ASCII)
                    + new String(parts.get(1).shortMessage(), 6, parts.get(1).shortMessage().length - 6,
                    StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("load long " + reference + " "), text);
            List<Segments.Part> oracle = Segments.split(Alphabet.GSM7.encode(text), Alphabet.GSM7,
                    new Concatenation.Udh8(reference));
            assertEquals(2, oracle.size());
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(oracle.get(i).payload(), parts.get(i).shortMessage(), "part " + (i + 1));
                assertEquals(i + 1, MessageForm.recognise(parts.get(i).fields().esmClass(), Alphabet.GSM7,
                        parts.get(i).shortMessage(), null).seq());
            }
        });
    }

    @Test
    void unicodeTextsReachTheCarrierAsUcs2ThatDecodesToTheGeneratedText() throws Exception {
        Submits submits = new Submits();
        LoadReport report = run(submits, 20, TextMix.parse("unicode=1", TextMix.LongForm.PAYLOAD));

        assertTrue(report.success(), report.toText());
        assertEquals(20, report.receiptsMatched(), report.toText());
        assertEquals(20, submits.seen.size());
        for (Pdu.SubmitSm s : submits.seen) {
            assertEquals(8, s.fields().dataCoding(), "data_coding 8 passed through");
            String text = new String(content(s), StandardCharsets.UTF_16BE);
            assertEquals(100, text.length(), text);
            assertTrue(text.startsWith("load unicode ") && text.contains("\uD83D\uDE00"), text);
            assertArrayEquals(Alphabet.UCS2.encode(text), content(s));
            assertEquals(2, Segments.count(text, Alphabet.UCS2), "100 UCS-2 units are 2 segments");
        }
    }

    @Test
    void demoTakesTheTextMixAndSummarisesEachKind() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = new CommandLine(new DemoCommand(new PrintStream(output, true, StandardCharsets.UTF_8)))
                .execute("--messages", "60", "--sessions", "1", "--receipt-delay-ms", "5", "--calls", "0",
                        "--text-mix", "short=1,long=1,unicode=1", "--long-as", "udh");
        String text = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, text);
        assertTrue(text.matches("(?s).*receipts back to tenant\\s+60\\n.*"), text);
        assertTrue(text.matches("(?s).*lost\\s+0\\n.*"), text);
        // S L U cycles of 5 submits: 12 of each kind, 60 submits
        assertTrue(text.contains("  text mix                   short=1,long=1,unicode=1 (long as udh)\n"
                + "    short    12 messages in 12 submit_sm\n"
                + "    long     12 messages in 24 submit_sm\n"
                + "    unicode  12 messages in 24 submit_sm\n"), text);

        String help = new CommandLine(new DemoCommand()).getUsageMessage();
        assertTrue(help.contains("--text-mix") && help.contains("--long-as"), help);
        assertEquals(1, new CommandLine(new DemoCommand(new PrintStream(OutputStream.nullOutputStream())))
                .execute("--text-mix", "short=1,huge=1"), "a bad spec is refused before anything starts");
    }
}
