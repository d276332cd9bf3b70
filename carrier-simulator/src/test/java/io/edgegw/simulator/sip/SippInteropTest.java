package io.edgegw.simulator.sip;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** SIPp, a caller we did not write, completes calls against the trunk: the trunk speaks SIP others understand. */
class SippInteropTest {
    @Test
    void sippBuiltInCallerCompletesFiveCallsAgainstTheTrunk() throws Exception {
        Path sipp = findOnPath("sipp").orElseGet(() ->
                fail("sipp missing: install Debian's sip-tester (deploy/ci/test-tools does)"));
        Path work = Files.createDirectories(Path.of("target", "sipp"));
        Path output = work.resolve("sipp-uac.txt");
        int sippPort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            sippPort = probe.getLocalPort();
        }
        try (SimulatedTrunk trunk = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0)
                .withMix(CallMix.parse("ANSWER=1")))) {
            Process process = new ProcessBuilder(List.of(sipp.toString(), "-sn", "uac", "127.0.0.1:" + trunk.port(),
                    "-s", "1000", "-i", "127.0.0.1", "-p", String.valueOf(sippPort), "-m", "5", "-r", "5",
                    "-timeout", "20s"))
                    .directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("sipp did not finish; its output is in " + output.toAbsolutePath());
            }
            assertEquals(0, process.exitValue(), "sipp exit code; its output is in " + output.toAbsolutePath());
            assertEquals(5, trunk.counters().answered());
            await().until(() -> trunk.counters().byesReceived() == 5);
            assertTrue(trunk.counters().invites() >= 5);
        }
    }

    private static Optional<Path> findOnPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
