package io.edgegw.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/bench/sms-vs-kannel still runs: 200 messages through each gateway with no warm-up, and 100 at a fixed rate
 * through ours; its table has a row for each run, every run complete. Skipped where Kannel is not installed
 * (deploy/ci/test-tools does not install it); `edge` is these classes, not a jar ./edge would build.
 */
class SmsVsKannelScriptTest {
    private static final int MESSAGES = 200;
    private static final int RATE = 100;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void theScriptPrintsARowPerRunAndCleansUp() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/bearerbox")) && Files.isExecutable(Path.of("/usr/sbin/smsbox")),
                "Kannel is not installed (Debian: apt-get install kannel)");
        Path project = BenchScripts.projectRoot("deploy/bench/sms-vs-kannel");
        Path edge = BenchScripts.edgeCommand(dir);

        ProcessBuilder pb = new ProcessBuilder(project.resolve("deploy/bench/sms-vs-kannel").toString())
                .directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("EDGE_BENCH_EDGE", edge.toString());
        env.put("EDGE_BENCH_MESSAGES", String.valueOf(MESSAGES));
        env.put("EDGE_BENCH_WARMUP", "100"); // and one settling run: a JVM this cold is still compiling
        env.put("EDGE_BENCH_SETTLE_MAX", "1");
        env.put("EDGE_BENCH_KANNEL_WARMUP", "0");
        env.put("EDGE_BENCH_RATE", String.valueOf(RATE));
        env.put("EDGE_BENCH_RATE_SECONDS", "1");
        env.put("EDGE_BENCH_TIMEOUT_S", "90");
        env.put("TMPDIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(220, TimeUnit.SECONDS)) {
            p.destroy();
            fail("the script did not end:\n" + out);
        }
        System.out.print(out); // in target/surefire-reports
        assertEquals(0, p.exitValue(), out);
        for (String run : List.of("Kannel [^|]*", "edge", "edge at " + RATE + "/s")) {
            Matcher row = Pattern.compile("^\\| " + run + " \\| [^|]+ \\| OK \\| (\\d+) \\| (\\d+\\.\\d\\d) \\|",
                    Pattern.MULTILINE).matcher(out);
            assertTrue(row.find(), "no complete table row for " + run + ":\n" + out);
            assertTrue(Integer.parseInt(row.group(1)) > 0, "a rate at the SMSC for " + run + ":\n" + out);
            assertTrue(Double.parseDouble(row.group(2)) > 0, "CPU seconds for " + run + ":\n" + out);
        }
        assertTrue(out.contains("CPU per message, Kannel / gateway: "), out);
        Matcher settling = Pattern.compile("gateway settling run 1: " + MESSAGES
                + " messages, \\d+\\.\\d\\d CPU-s per 100,000, the JIT compiler (\\d+)% of it").matcher(out);
        assertTrue(settling.find(), "the settling run's line:\n" + out);
        int jit = Integer.parseInt(settling.group(1)); // this cold, the compiler threads surely work
        assertTrue(jit > 0 && jit <= 100, "the compiler's share of the gateway's CPU:\n" + out);
        assertFalse(out.contains("gateway settling run 2"), "at most EDGE_BENCH_SETTLE_MAX settling runs:\n" + out);
        assertTrue(Pattern.compile("gateway measured: the JIT compiler \\d+% of its CPU, after 100 warm-up and 1 settling runs")
                .matcher(out).find(), out);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("edge"), left.map(f -> f.getFileName().toString()).collect(Collectors.toList()),
                    "the script removes its temporary directory");
        }
        // bearerbox, smsbox and the gateway name a file of the run's directory on their command lines
        String runDir = dir + "/sms-vs-kannel.";
        ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse("")).filter(c -> c.contains(runDir))
                .findAny().ifPresent(c -> fail("a process of the run is still there: " + c));
    }
}
