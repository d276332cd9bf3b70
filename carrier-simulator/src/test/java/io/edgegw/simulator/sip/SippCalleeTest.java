package io.edgegw.simulator.sip;

import io.edgegw.sipstack.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator places calls at SIPp's built-in callee (a UAS we did not write) over UDP, through 10% message
 * loss, and over TCP: every call is answered and hung up, on both sides' counts.
 */
class SippCalleeTest {
    private static final int CALLS = 20;

    @Test
    void loadGeneratorCompletesEveryCallAtSippThroughTenPercentLoss(@TempDir Path dir) throws Exception {
        int port = Sipp.freePort();
        try (Sipp sipp = Sipp.start(dir, "-sn", "uas", "-i", "127.0.0.1", "-p", String.valueOf(port),
                "-m", String.valueOf(CALLS), "-lost", "10");
             CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", port, 10, CALLS, "4470"))) {
            CallReport report = load.run();

            assertEquals(CALLS, report.answered(), report.text() + sipp.report());
            assertEquals(Map.of(), report.failedByCode(), report.text());
            assertTrue(report.nothingLost(), report.text());
            assertEquals(0, sipp.exitCode(60), sipp::report);
        }
    }

    @Test
    void loadGeneratorCompletesEveryCallAtSippOverTcp(@TempDir Path dir) throws Exception {
        int port = Sipp.freePort();
        try (Sipp sipp = Sipp.start(dir, "-sn", "uas", "-t", "t1", "-i", "127.0.0.1", "-p", String.valueOf(port),
                "-m", String.valueOf(CALLS))) {
            await().until(() -> Sipp.acceptsTcp(port));
            try (CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", port, 20, CALLS, "4470")
                    .withTransport(Transport.TCP, null))) {
                CallReport report = load.run();

                assertEquals(CALLS, report.answered(), report.text() + sipp.report());
                assertTrue(report.nothingLost(), report.text());
            }
            assertEquals(0, sipp.exitCode(60), sipp::report);
        }
    }
}
