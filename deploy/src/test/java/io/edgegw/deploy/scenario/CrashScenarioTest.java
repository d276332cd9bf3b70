package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durability rule end to end: the gateway runs as its own process, is SIGKILLed under load and started again on
 * the same queues; nothing it acknowledged may be lost, and every receipt must come back.
 */
class CrashScenarioTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure's queues and gateway logs stay, for the diagnosis
    Path dir;

    @Test
    @Timeout(120)
    void killNineUnderLoadLosesNoAcknowledgedMessageAndEveryReceiptComesBack() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CrashCommand crash = new CrashCommand(new PrintStream(output, true, StandardCharsets.UTF_8));
        new CommandLine(crash).parseArgs("--messages", "3000", "--rate", "1000", "--kill-after", "1500",
                "--dir", dir.resolve("run").toString());

        CrashReport report = crash.run();
        String text = output.toString(StandardCharsets.UTF_8) + report.toResult().verdict();
        System.out.println(text);

        // The gateway really died by SIGKILL mid-load: work acknowledged before it, and after the restart.
        assertEquals(GatewayProcess.KILLED_BY_SIGKILL, report.killExit(), text);
        assertTrue(report.acknowledgedBeforeKill() >= 1500, text);
        assertTrue(report.acknowledgedAfterRestart() > 0, text);
        // Acknowledged means durable: each one reached the carrier and its receipt reached the tenant.
        assertEquals(0, report.lost(), text);
        assertEquals(report.acknowledged(), report.delivered(), text);
        assertEquals(report.acknowledged(), report.receiptsMatched(), text);
        assertEquals(3000, report.acknowledged() + report.unanswered() + report.refused(), text);
        assertTrue(report.passed(), text);
    }

    @Test
    void aQueueDirectoryInUseIsRefused() throws Exception {
        Files.writeString(dir.resolve("leftover"), "x");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = new CommandLine(new ScenarioCommand())
                .setOut(new java.io.PrintWriter(output, true, StandardCharsets.UTF_8))
                .setErr(new java.io.PrintWriter(output, true, StandardCharsets.UTF_8))
                .execute("crash", "--dir", dir.toString());
        assertNotEquals(0, exit);
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("is not empty"), output.toString(StandardCharsets.UTF_8));
    }
}
