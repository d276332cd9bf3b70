package io.edgegw.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/bench/sip-vs-kamailio still runs: one low rate for 2 s, no warm-up, and its table has a row for Kamailio
 * and one for the gateway. Skipped where Kamailio is not installed (deploy/ci/test-tools does not install it); the
 * gateway is these classes, not a jar ./edge would build.
 */
class SipVsKamailioScriptTest {
    private static final int RATE = 20;
    private static final int SECONDS = 2;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theScriptPrintsARowPerProxy() throws Exception {
        assumeTrue(onPath("kamailio") || Files.isExecutable(Path.of("/usr/sbin/kamailio")),
                "Kamailio is not installed (Debian: apt-get install kamailio)");
        if (!onPath("sipp")) {
            fail("sipp missing: install Debian's sip-tester (deploy/ci/test-tools does)");
        }
        Path project = BenchScripts.projectRoot("deploy/bench/sip-vs-kamailio");
        Path edge = BenchScripts.edgeCommand(dir);

        ProcessBuilder pb = new ProcessBuilder(project.resolve("deploy/bench/sip-vs-kamailio").toString(),
                String.valueOf(RATE)).directory(project.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("EDGE_BENCH_EDGE", edge.toString());
        env.put("EDGE_BENCH_SECONDS", String.valueOf(SECONDS));
        env.put("EDGE_BENCH_WARMUP", "0");
        env.put("EDGE_BENCH_TAIL_SECONDS", "5"); // a call still open 5 s after the last is due counts as never ended
        env.put("EDGE_BENCH_PORT_BASE", String.valueOf(freePortBase(13)));
        env.put("TMPDIR", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(100, TimeUnit.SECONDS)) {
            p.destroy();
            fail("the script did not end:\n" + out);
        }
        System.out.print(out); // in target/surefire-reports
        assertEquals(0, p.exitValue(), out);
        for (String proxy : List.of("kamailio", "gateway")) {
            Matcher row = Pattern.compile("^\\| " + proxy + " \\| " + RATE + " \\| (\\d+) \\|", Pattern.MULTILINE)
                    .matcher(out);
            assertTrue(row.find(), "no table row for " + proxy + ":\n" + out);
            int placed = Integer.parseInt(row.group(1));
            if (proxy.equals("kamailio")) {
                assertEquals(RATE * SECONDS, placed, "calls placed through Kamailio:\n" + out);
            } else { // a cold gateway on a busy machine may be slow enough for SIPp to hold calls back
                assertTrue(placed > 0, "calls placed through the gateway:\n" + out);
            }
        }
        assertTrue(out.contains("CPU per call, gateway / Kamailio: " + RATE + "/s "), out);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("edge"), left.map(f -> f.getFileName().toString()).collect(Collectors.toList()),
                    "the script removes its temporary directory");
        }
    }

    /** A first port of {@code count} consecutive UDP ports free on 127.0.0.1, below the ephemeral range. */
    private static int freePortBase(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int port = base; port < base + count; port++) {
                    held.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                }
                return base;
            } catch (IOException taken) {
                // try another base
            } finally {
                for (DatagramSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IOException("no " + count + " free consecutive UDP ports found");
    }


    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
