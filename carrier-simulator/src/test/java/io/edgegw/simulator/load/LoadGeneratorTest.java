package io.edgegw.simulator.load;

import io.edgegw.simulator.smsc.OutcomeMix;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadGeneratorTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void twoSessionsGetEveryMessageAcknowledgedAndEveryReceiptMatched() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0))) {
            LoadReport report = new LoadGenerator(LoadConfig.of("127.0.0.1", smsc.port(), "tenant", "pw", 2, 2_000),
                    QUIET).run();
            assertEquals(2_000, report.submitted());
            assertEquals(2_000, report.acknowledged());
            assertEquals(2_000, report.receiptsMatched());
            assertEquals(0, report.receiptsUnmatched());
            assertEquals(0, report.receiptsDuplicate());
            assertTrue(report.success(), report.toText());
            assertEquals(2_000, smsc.counters().submitsAnswered(SMPPConstant.STAT_ESME_ROK));
        }
    }

    @Test
    void outcomeMixShowsEveryConfiguredStatInReceipts() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0)
                .withOutcomes(OutcomeMix.parse("DELIVRD=40,UNDELIV=20,EXPIRED=20,REJECTD=20"));
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config)) {
            LoadReport report = new LoadGenerator(LoadConfig.of("127.0.0.1", smsc.port(), "tenant", "pw", 1, 400),
                    QUIET).run();
            assertEquals(400, report.receiptsMatched());
            assertEquals(java.util.Set.of("DELIVRD", "UNDELIV", "EXPIRED", "REJECTD"), report.receiptsByStat().keySet());
        }
    }

    @Test
    void noReceiptIsSentWhenNoneIsRequested() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withOutcomes(OutcomeMix.parse("DELIVRD=1"));
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config)) {
            // registered_delivery off: the SMSC must not send any receipt at all.
            LoadReport report = new LoadGenerator(LoadConfig.of("127.0.0.1", smsc.port(), "tenant", "pw", 1, 100)
                    .withReceipts(false, 0), QUIET).run();
            assertEquals(100, report.acknowledged());
            assertEquals(0, smsc.counters().receiptsSent());
        }
    }

    @Test
    void rateCapAnswersThrottledAndTheRunStillCompletesByResubmitting() throws Exception {
        // the cap counts per whole second: 400 messages at 100/s can only pass unthrottled if spread over 4+ seconds,
        // which a generator sending as fast as its window allows never does (a 400/s cap with 600 messages could be
        // met by a run that straddled one second boundary)
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withMaxSubmitsPerSecond(100);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config)) {
            LoadReport report = new LoadGenerator(LoadConfig.of("127.0.0.1", smsc.port(), "tenant", "pw", 2, 400),
                    QUIET).run();
            assertTrue(report.throttled() > 0, report.toText());
            assertTrue(report.resubmitted() > 0, report.toText());
            assertEquals(400, report.acknowledged());
            assertEquals(400, report.receiptsMatched());
            assertTrue(smsc.counters().submitsAnswered(SMPPConstant.STAT_ESME_RTHROTTLED) > 0);
        }
    }

    @Test
    void badPasswordIsRefusedWithInvalidPassword() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withCredentials("tenant", "secret");
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config)) {
            BindRefusedException refused = assertThrows(BindRefusedException.class, () -> new LoadGenerator(
                    LoadConfig.of("127.0.0.1", smsc.port(), "tenant", "wrong", 2, 10), QUIET).run());
            assertEquals(SMPPConstant.STAT_ESME_RINVPASWD, refused.status());
            assertTrue(refused.getMessage().contains("ESME_RINVPASWD"), refused.getMessage());
            assertEquals(0, smsc.counters().submitsReceived());
        }
    }

    @Test
    void loadCommandExitsZeroAndPrintsProgressAndReport() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withTiming(0, 1_200))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            int exit = new CommandLine(new LoadCommand(out)).execute("--port", Integer.toString(smsc.port()),
                    "--sessions", "2", "--messages", "500", "--rate", "1000", "--window", "20");
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(0, exit, text);
            assertTrue(text.contains("t=1s submitted="), text);
            assertTrue(text.contains("result           OK"), text);
        }
    }
}
