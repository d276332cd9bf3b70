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
 * The fuzz scenario, small: 20,000 hostile PDUs at the gateway in its own process, with peers that never read and
 * peers that stall, while a good tenant submits. Nothing may crash or go unhandled, the good tenant loses nothing and
 * binds again afterwards, and the live heap does not grow.
 */
class FuzzScenarioTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void twentyThousandHostilePdusNeitherCrashTheGatewayNorDisturbAGoodTenant() throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        FuzzCommand fuzz = new FuzzCommand(new PrintStream(output, true, StandardCharsets.UTF_8));
        new CommandLine(fuzz).parseArgs("--pdus", "20000", "--seed", "13", "--connections", "16",
                "--non-readers", "30", "--stallers", "20", "--good-rate", "100", "--dir", dir.resolve("run").toString());

        FuzzReport report = fuzz.run();
        String text = output.toString(StandardCharsets.UTF_8) + String.join("\n", report.details()) + "\n"
                + String.join("\n", report.problems()) + "\n" + report.toResult().verdict();
        System.out.println(text);

        assertEquals(20_000, report.pdus(), text);
        assertTrue(report.gatewayAlive(), text);
        assertEquals(0, report.crashes(), text);
        assertEquals(0, report.badAnswers(), text);
        assertTrue(report.answers() > 1_000, "the gateway answered the hostile PDUs: " + text);
        assertTrue(report.floodPdus() > 0, "the flood ran: " + text);
        assertTrue(report.goodAcknowledged() > 0, text);
        assertEquals(0, report.goodLost(), text);
        assertTrue(report.freshBind(), text);
        assertTrue(report.liveHeapGrowth() <= report.liveHeapGrowthBound(), text);
        assertTrue(report.problems().isEmpty(), text);
        assertTrue(report.toResult().verdict().startsWith("fuzz: PASS pdus=20000 crashes=0 heap-peak="), text);
    }
}
