package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clean stop end to end: the gateway runs as its own process, gets SIGTERM under load with submits in flight
 * toward a carrier that answers each after 50 ms, and is started again on the same queues. Nothing acknowledged may
 * be lost, every submit taken is answered, the carrier gets no more duplicates than were in flight, and the process
 * exits 0. The exit time is printed, not judged here (the scenario's verdict judges it).
 */
class SigtermScenarioTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void sigtermUnderLoadLosesNothingAnswersEverySubmitAndExitsCleanly() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        SigtermCommand sigterm = new SigtermCommand(new PrintStream(output, true, StandardCharsets.UTF_8));
        new CommandLine(sigterm).parseArgs("--messages", "3000", "--rate", "1000", "--stop-after", "1500",
                "--dir", dir.resolve("run").toString());

        SigtermReport report = sigterm.run();
        String text = output.toString(StandardCharsets.UTF_8) + report.toResult().verdict();
        System.out.println(text);

        assertEquals(0, report.exit().code(), text);
        assertTrue(report.exit().millis() < 30_000, text);
        assertTrue(report.acknowledgedBeforeStop() >= 1500, text);
        assertTrue(report.acknowledged() > report.acknowledgedBeforeStop(), text);
        assertEquals(0, report.lost(), text);
        assertEquals(report.acknowledged(), report.receiptsMatched(), text);
        assertEquals(0, report.unanswered(), text);
        assertTrue(report.duplicates() <= report.inFlightAtStop(), text);
        assertEquals(3000, report.acknowledged(), text); // those answered "try later" at the stop were sent again
    }
}
