package io.edgegw.simulator.sip;

import io.edgegw.sipstack.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIPp, a caller we did not write, completes calls against the trunk over UDP and TCP, and through 10% message loss
 * (so both sides must retransmit): the trunk speaks SIP others understand.
 */
class SippInteropTest {
    private static final TrunkConfig ANSWER_ALL = TrunkConfig.defaults("127.0.0.1", 0).withMix(CallMix.parse("ANSWER=1"));

    @Test
    void sippBuiltInCallerCompletesFiveCallsAgainstTheTrunk(@TempDir Path dir) throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(ANSWER_ALL);
             Sipp sipp = Sipp.start(dir, "-sn", "uac", "127.0.0.1:" + trunk.port(), "-s", "1000", "-i", "127.0.0.1",
                     "-p", String.valueOf(Sipp.freePort()), "-m", "5", "-r", "5", "-timeout", "20s")) {
            assertEquals(0, sipp.exitCode(60), sipp::report);
            assertEquals(5, trunk.counters().answered());
            await().until(() -> trunk.counters().byesReceived() == 5);
            assertTrue(trunk.counters().invites() >= 5);
        }
    }

    @Test
    void sippCallerOverTcpCompletesEveryCallAgainstTheTrunk(@TempDir Path dir) throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(ANSWER_ALL);
             Sipp sipp = Sipp.start(dir, "-sn", "uac", "-t", "t1", "127.0.0.1:" + trunk.port(Transport.TCP),
                     "-s", "1000", "-i", "127.0.0.1", "-p", String.valueOf(Sipp.freePort()), "-m", "10", "-r", "10",
                     "-timeout", "30s", "-timeout_error")) {
            assertEquals(0, sipp.exitCode(60), sipp::report);
            assertEquals(10, trunk.counters().answered());
            await().until(() -> trunk.counters().byesReceived() == 10);
        }
    }

    @Test
    void sippCallerLosingTenPercentOfMessagesStillCompletesEveryCallAgainstTheTrunk(@TempDir Path dir)
            throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(ANSWER_ALL);
             Sipp sipp = Sipp.start(dir, "-sn", "uac", "127.0.0.1:" + trunk.port(), "-s", "1000", "-i", "127.0.0.1",
                     "-p", String.valueOf(Sipp.freePort()), "-m", "20", "-r", "10", "-lost", "10",
                     "-timeout", "60s", "-timeout_error")) {
            assertEquals(0, sipp.exitCode(90), sipp::report);
            // a lost INVITE is sent again and a lost ACK answered by the trunk's 200 retransmission: 20 calls, no more
            assertEquals(20, trunk.counters().invites(), sipp::report);
            assertEquals(20, trunk.counters().answered(), sipp::report);
        }
    }
}
