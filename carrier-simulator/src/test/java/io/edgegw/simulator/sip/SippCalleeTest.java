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

    /**
     * Under loss SIPp must not abort a call on a message its script does not expect at that step; RFC 3261 allows
     * both. SIPp 3.6 answers a retransmitted request by resending the one message it sent right after the original,
     * but its second send in a row (the 200 after the 180) overwrites that memory with nothing (call.cpp,
     * executeMessage), so when loss eats both the 180 and the 200 our retransmitted INVITE looked unexpected. And a
     * 200 it retransmits just as our BYE arrives draws a second ACK (RFC 3261 13.2.2.4) after the call's last step.
     * Ignoring these, SIPp's own 200 retransmissions still complete every call, which the counts below check.
     */
    private static final String[] TOLERATE_RETRANSMISSIONS = {"-default_behaviors", "all,-abortunexp"};

    @Test
    void loadGeneratorCompletesEveryCallAtSippThroughTenPercentLoss(@TempDir Path dir) throws Exception {
        int port = Sipp.freePort();
        try (Sipp sipp = Sipp.start(dir, "-sn", "uas", "-i", "127.0.0.1", "-p", String.valueOf(port),
                "-m", String.valueOf(CALLS), "-lost", "10", TOLERATE_RETRANSMISSIONS[0], TOLERATE_RETRANSMISSIONS[1]);
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
