package io.edgegw.simulator.sip;

import io.edgegw.sipstack.transport.TestPki;
import io.edgegw.sipstack.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallsCommandTest {
    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new CallsCommand(out)).execute(args);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, text);
        return text;
    }

    @Test
    void placesEveryCallOnATrunkAndReportsThem() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0)
                .withMix(CallMix.parse("ANSWER=4,BUSY=1")))) {
            String out = run(0, "--port", String.valueOf(trunk.port()), "--cps", "100", "--calls", "40");

            assertTrue(out.contains("placed       40 of 40"), out);
            assertTrue(out.contains("timed out    0"), out);
            assertEquals(40, trunk.counters().invites(), out);
            long answered = Long.parseLong(out.replaceAll("(?s).*answered     (\\d+).*", "$1"));
            assertTrue(answered > 0 && answered < 40, out); // the mix answers about 4 in 5, busy the rest
            assertTrue(out.contains("(486=" + (40 - answered) + ")"), out);
        }
    }

    @Test
    void aSilentTargetTimesOutEveryCallAndExitsOne() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0))) {
            trunk.silent(true);
            String out = run(1, "--port", String.valueOf(trunk.port()), "--cps", "50", "--calls", "3",
                    "--setup-timeout-ms", "300");

            assertTrue(out.contains("timed out    3"), out);
        }
    }

    @Test
    void callsOverTcpReachTheTrunkAndAreAnsweredAndHungUp() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0))) {
            String out = run(0, "--port", String.valueOf(trunk.port(Transport.TCP)), "--transport", "tcp",
                    "--cps", "20", "--calls", "5");

            assertTrue(out.contains("to tcp 127.0.0.1:" + trunk.port(Transport.TCP)), out);
            assertTrue(out.contains("answered     5"), out);
            assertEquals(5, trunk.counters().invites(), out);
            await().until(() -> trunk.counters().byesReceived() == 5);
        }
    }

    @Test
    void callsOverTlsReachTheTrunkAndAreAnsweredAndHungUp(@TempDir Path dir) throws Exception {
        TestPki certs = TestPki.create(dir);
        try (SimulatedTrunk trunk = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0)
                .withTls(0, certs.pem("server"), certs.key("server")))) {
            String out = run(0, "--port", String.valueOf(trunk.port(Transport.TLS)), "--transport", "tls",
                    "--tls-trust", certs.pem("ca").toString(), "--cps", "20", "--calls", "5");

            assertTrue(out.contains("to tls 127.0.0.1:" + trunk.port(Transport.TLS)), out);
            assertTrue(out.contains("answered     5"), out);
            assertEquals(5, trunk.counters().invites(), out);
            await().until(() -> trunk.counters().byesReceived() == 5);
        }
    }

    @Test
    void aTlsTargetWhoseCertificateIsNotTrustedGetsNoCall(@TempDir Path dir) throws Exception {
        TestPki certs = TestPki.create(dir);
        try (SimulatedTrunk trunk = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0)
                .withTls(0, certs.pem("server"), certs.key("server")))) {
            // no --tls-trust: the JDK's trust store does not know the test CA, so the handshake fails
            String out = run(1, "--port", String.valueOf(trunk.port(Transport.TLS)), "--transport", "tls",
                    "--cps", "20", "--calls", "2", "--setup-timeout-ms", "1000");

            assertTrue(out.contains("answered     0"), out);
            assertEquals(0, trunk.counters().invites(), out);
        }
    }

    @Test
    void badOptionsExitTwoWithTheReason() {
        String out = run(2, "--cps", "0");

        assertTrue(out.contains("callsPerSecond must be >= 1"), out);
        assertTrue(run(2, "--transport", "sctp").contains("--transport must be udp, tcp or tls"));
    }

    @Test
    void stepsRunOneAfterTheOtherWithARowEachAndTheWatchedProcesssCpu() throws Exception {
        try (SimulatedTrunk trunk = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0))) {
            long self = ProcessHandle.current().pid();
            String out = run(0, "--port", String.valueOf(trunk.port()), "--steps", "20:1,40:1", "--watch-pid",
                    String.valueOf(self));

            assertEquals(60, trunk.counters().invites(), out);
            String[] lines = out.strip().split("\n");
            assertEquals(3, lines.length, out); // the header and a row per step
            assertTrue(lines[1].trim().startsWith("20       20        20         0"), out);
            assertTrue(lines[2].trim().startsWith("40       40        40         0"), out);
            assertTrue(CallsCommand.cpuSeconds(self) > 0, "this JVM has used CPU");
            assertTrue(lines[2].trim().matches(".*\\d+\\.\\d\\d$"), out); // a CPU figure, not '-'
        }
    }

    @Test
    void aBadStepExitsTwo() {
        String out = run(2, "--steps", "20-1");

        assertTrue(out.contains("CPS:SECONDS"), out);
    }
}
