package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.sip.CallLoad;
import io.edgegw.simulator.sip.CallLoadConfig;
import io.edgegw.simulator.sip.CallReport;
import io.edgegw.simulator.sip.SimulatedTrunk;
import io.edgegw.simulator.sip.TrunkConfig;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code edge status} against a real gateway with a real (simulated) carrier, over its operator API on loopback. */
class StatusCommandTest {
    private static final String TOKEN = "status-test-token-4567";

    @TempDir
    Path storage;

    /** One run of the command in-process: its exit status, stdout and stderr. */
    private record Run(int exit, String out, String err) {
    }

    private static Run status(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new StatusCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, false)).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Gateway gateway(int carrierPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                carriers:
                  - { id: telco-a, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco-a] }
                """.formatted(TOKEN, storage.toAbsolutePath(), carrierPort)));
    }

    private static String admin(Gateway g) {
        return "http://127.0.0.1:" + g.listeners().get("admin").getPort();
    }

    private static long lines(String text, String... all) {
        return text.lines().filter(l -> java.util.Arrays.stream(all).allMatch(l::contains)).count();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void showsEveryBindBoundWithItsCarrierAndTheTenantsInTables() throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc carrier = SimulatedSmsc.start(sim); Gateway g = gateway(carrier.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    lines(status(Map.of(), "--admin", admin(g), "--token", TOKEN).out(), "telco-a/", "BOUND") == 2);

            Run run = status(Map.of(), "--admin", admin(g), "--token", TOKEN);
            assertEquals(0, run.exit(), run.err());
            assertEquals("", run.err());
            assertTrue(run.out().contains("CARRIER") && run.out().contains("WINDOW FREE"), run.out());
            assertEquals(2, lines(run.out(), "telco-a", "telco-a/127.0.0.1:" + carrier.port(), "BOUND", "ENABLED", "50"),
                    run.out());
            assertEquals(1, lines(run.out(), "telco-a", "ENABLED", "ACTIVE", "0/100"), run.out());
            assertEquals(1, lines(run.out(), "acme", "no"), run.out());
            assertFalse(run.out().contains("\u001b["), "no colour when stdout is not a terminal");
            assertFalse(run.out().contains("sip trunks"), "no SIP section when the gateway runs no SIP: " + run.out());
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void withSipOnShowsEachTrunkProbedAndItsCallsAndEachTenantsActiveCalls() throws Exception {
        try (SimulatedTrunk up = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0));
             SimulatedTrunk silent = SimulatedTrunk.start(TrunkConfig.defaults("127.0.0.1", 0))) {
            silent.silent(true);
            try (Gateway g = Gateway.start(ConfigLoader.parse("""
                    smpp: { host: 127.0.0.1, port: 0 }
                    admin: { host: 127.0.0.1, port: 0, token: %s }
                    storage: { dir: '%s' }
                    sip: { enabled: true, host: 127.0.0.1, port: 0 }
                    tenants:
                      - { id: acme, systemId: acme, password: acme, sipSources: [127.0.0.1/32] }
                      - { id: quiet, systemId: quiet, password: quiet }
                    carriers:
                      - { id: sim-silent, sip: { host: 127.0.0.1, port: %d, probe: { intervalMillis: 200, downAfter: 2 } } }
                      - { id: sim-up, sip: { host: 127.0.0.1, port: %d, channels: 10, probe: { intervalMillis: 200 } } }
                    routes:
                      - { prefix: '', carriers: [sim-silent, sim-up] }
                    """.formatted(TOKEN, storage.toAbsolutePath(), silent.port(), up.port())))) {
                String admin = admin(g);
                int sip = g.listeners().get("sip").getPort();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        lines(status(Map.of(), "--admin", admin, "--token", TOKEN).out(), "sim-silent", "DOWN") == 1);
                // the silent trunk is DOWN, so every call goes to sim-up and is answered
                try (CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", sip, 20, 10, "4470"))) {
                    CallReport r = load.run();
                    assertEquals(10, r.answered(), r.failedText());
                }

                Run run = status(Map.of(), "--admin", admin, "--token", TOKEN);
                assertEquals(0, run.exit(), run.err());
                assertTrue(run.out().contains("ADDRESS") && run.out().contains("LAST PROBE") && run.out().contains("PDD"),
                        run.out());
                assertEquals(1, lines(run.out(), "sim-up", "127.0.0.1:" + up.port() + ";transport=udp", "UP", "ACTIVE",
                        "ago", "0/10", "100.0%", " ms"), run.out());
                assertEquals(1, lines(run.out(), "sim-silent", "127.0.0.1:" + silent.port(), "DOWN", "timeout"), run.out());
                assertEquals(1, lines(run.out(), "sim-silent", "0/-"), run.out());

                // three calls held: the operator sees them on the tenant and on the trunk while they last
                CompletableFuture<CallReport> held = CompletableFuture.supplyAsync(() -> {
                    try (CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", sip, 20, 3, "4471").withHold(8_000))) {
                        return load.run();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await().atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    String out = status(Map.of(), "--admin", admin, "--token", TOKEN).out();
                    return lines(out, "sim-up", "3/10") == 1 && out.lines().anyMatch(l -> l.matches("\\s*acme\\s+3"));
                });
                Run during = status(Map.of(), "--admin", admin, "--token", TOKEN);
                System.out.print(during.out());
                assertTrue(during.out().lines().anyMatch(l -> l.matches("\\s*quiet\\s+0")), during.out());
                assertEquals(3, held.get(30, TimeUnit.SECONDS).answered());
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void watchRedrawsUntilInterruptedAndThenExitsZero() throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc carrier = SimulatedSmsc.start(sim); Gateway g = gateway(carrier.port())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StatusCommand command = new StatusCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(OutputStream.nullOutputStream()), Map.of(), false);
            AtomicInteger exit = new AtomicInteger(-1);
            Thread watcher = new Thread(() -> exit.set(new CommandLine(command)
                    .execute("--admin", admin(g), "--token", TOKEN, "--watch", "1")));
            watcher.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> lines(out.toString(StandardCharsets.UTF_8), "TENANT", "PAUSED") >= 2);
            watcher.interrupt();
            watcher.join(10_000);
            assertFalse(watcher.isAlive());
            assertEquals(0, exit.get());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theTokenComesFromTheEnvironmentAndAWrongOrMissingOneIsSaidWithoutShowingIt() throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc carrier = SimulatedSmsc.start(sim); Gateway g = gateway(carrier.port())) {
            Run fromEnv = status(Map.of(StatusCommand.TOKEN_ENV, TOKEN), "--admin", admin(g));
            assertEquals(0, fromEnv.exit(), fromEnv.err());
            assertTrue(fromEnv.out().contains("acme"), fromEnv.out());

            Run wrong = status(Map.of(StatusCommand.TOKEN_ENV, TOKEN), "--admin", admin(g), "--token", "not-the-token");
            assertEquals(1, wrong.exit());
            assertEquals("", wrong.out());
            assertEquals(1, wrong.err().lines().count(), wrong.err());
            assertTrue(wrong.err().contains("refused the admin token") && wrong.err().contains("wrong"), wrong.err());
            assertFalse(wrong.err().contains("not-the-token"), "never prints the token");

            Run missing = status(Map.of(), "--admin", admin(g));
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("needs its admin token") && missing.err().contains(StatusCommand.TOKEN_ENV),
                    missing.err());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aGatewayThatIsNotThereIsOneLineAndExitOne() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Run run = status(Map.of(), "--admin", "http://127.0.0.1:" + closed, "--token", TOKEN);
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("edge status: cannot reach the gateway's admin API at http://127.0.0.1:" + closed),
                run.err());
    }
}
