package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppConstants;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.simulator.smsc.SubmitObserver;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to {@code edge up} running as a process of its own: it stops taking binds, tells its tenants at once
 * (unbind, once their submits are answered), lets carriers answer what they hold, and exits 0; what it acknowledged
 * and had not sent is sent after a restart on the same storage. Waits are bounded, never timed.
 */
class DrainTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void anIdleGatewayExitsWithStatusZeroAfterSigtermAndLogsEachStep() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge"), SubmitObserver.NONE)) {
            Path log = dir.resolve("gateway.log");
            Queue<String> out = new ConcurrentLinkedQueue<>();
            Process gateway = LaunchedGateway.spawn(config(smsc.port(), 5, ""), log);
            try {
                LaunchedGateway.listeners(gateway, out::add);
                await().atMost(Duration.ofSeconds(60)).until(() -> out.stream().anyMatch(l -> l.contains("Ctrl-C")));

                sigterm(gateway);

                assertTrue(gateway.waitFor(60, TimeUnit.SECONDS), "still running a minute after SIGTERM");
                assertEquals(0, gateway.exitValue(), output(out, log));
                awaitOutput(out, log, "edge: stopped");
                String logged = output(out, log);
                assertTrue(logged.contains("edge: SIGTERM received; stopping"), logged);
                assertTrue(logged.matches("(?s).*gateway stopped in \\d+ ms \\(intake \\d+ ms, drain \\d+ ms, "
                        + "connectors \\d+ ms, dispatcher \\d+ ms, queues \\d+ ms\\); nothing was left in flight.*"),
                        logged);
                System.out.println("idle drain: " + out.stream().filter(l -> l.startsWith("edge: stopped")).toList());
            } finally {
                gateway.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(240)
    void aBoundTenantIsUnboundAsTheStopBeginsAndNoBindIsTakenWhileCarriersDrain() throws Exception {
        SubmitCounts carrier = new SubmitCounts();
        // the carrier answers each submit_sm 20 s after it arrives: the drain lasts until then (drainSeconds 60)
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge").withTiming(20_000, 0), carrier)) {
            Path log = dir.resolve("gateway.log");
            Queue<String> out = new ConcurrentLinkedQueue<>();
            // the gateway waits for the carrier's answers (responseTimeoutMillis past its 20 s)
            Process gateway = LaunchedGateway.spawn(config(smsc.port(), 60, "responseTimeoutMillis: 60000, "), log);
            PumpingTenant tenant = null;
            try {
                int smppPort = LaunchedGateway.listeners(gateway, out::add).get("smpp");
                tenant = new PumpingTenant(smppPort, "acme", "acme-pw", 20);
                tenant.start();
                PumpingTenant pumping = tenant;
                await().atMost(Duration.ofSeconds(60)).until(() -> carrier.received.size() >= 10
                        && pumping.acknowledged() >= 10);
                try (SmppPeer waiting = new SmppPeer("127.0.0.1", smppPort)) { // connected, not bound, at the signal
                    sigterm(gateway);

                    // the stop has begun once the listener refuses connections
                    await().atMost(Duration.ofSeconds(60)).until(() -> refusesConnections(smppPort));
                    String bindDuringDrain = bindOutcome(waiting);
                    await().atMost(Duration.ofSeconds(60)).until(pumping::unbound);
                    int answeredByCarrier = carrier.accepted.size();
                    boolean stillDraining = gateway.isAlive();

                    System.out.println("drain: a bind on a connection open at the signal: " + bindDuringDrain
                            + "; tenant unbound with " + answeredByCarrier + " of " + carrier.received.size()
                            + " submits answered by the carrier");
                    assertTrue(stillDraining, "the gateway had already exited: nothing shows the order");
                    assertEquals("refused 0x" + Integer.toHexString(SmppConstants.STATUS_BINDFAIL), bindDuringDrain,
                            "a bind during the drain");
                    assertEquals(0, answeredByCarrier, "the tenant was unbound only after carriers drained");
                }

                assertTrue(tenant.awaitClosed(10_000), "the session did not close after unbind");
                assertEquals(tenant.sent(), tenant.acknowledged() + tenant.refused(), "a submit went unanswered");
                assertTrue(Set.of(SmppConstants.STATUS_THROTTLED).containsAll(tenant.refusedByStatus().keySet()),
                        "refused other than 'try again later': " + tenant.refusedByStatus());
                assertTrue(gateway.waitFor(120, TimeUnit.SECONDS), "still running two minutes after SIGTERM");
                assertEquals(0, gateway.exitValue(), output(out, log));
                // the carrier's answers came within drainSeconds: each recorded, nothing left to send twice
                awaitOutput(out, log, "edge: stopped");
                assertTrue(output(out, log).contains("nothing was left in flight"), output(out, log));
            } finally {
                gateway.destroyForcibly();
                if (tenant != null) {
                    tenant.close();
                }
            }
        }
    }

    @Test
    @Timeout(240)
    void everySubmitAcknowledgedBeforeSigtermWithASlowCarrierReachesItAfterARestartOnTheSameStorage()
            throws Exception {
        SubmitCounts slow = new SubmitCounts();
        Set<String> acknowledged;
        int carrierPort;
        // answers 3 s after each submit_sm, and the stop waits 1 s for it: most acknowledged messages are still on
        // disk at the stop, some at the carrier unanswered
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge").withTiming(3_000, 0), slow)) {
            carrierPort = smsc.port();
            Path log = dir.resolve("gateway.log");
            Process gateway = LaunchedGateway.spawn(config(carrierPort, 1, ""), log);
            try (PumpingTenant tenant = new PumpingTenant(LaunchedGateway.listeners(gateway).get("smpp"), "acme",
                    "acme-pw", 50)) {
                tenant.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> tenant.acknowledged() >= 500
                        && !slow.received.isEmpty());

                sigterm(gateway); // mid-load

                assertTrue(gateway.waitFor(120, TimeUnit.SECONDS), "still running two minutes after SIGTERM");
                assertEquals(0, gateway.exitValue(), Files.readString(log));
                assertTrue(tenant.awaitClosed(10_000), "the session did not close");
                assertTrue(tenant.unbound(), "the gateway closed the session without unbind");
                acknowledged = new HashSet<>(tenant.acknowledgedTexts());
            } finally {
                gateway.destroyForcibly();
            }
        }
        int answeredBefore = slow.accepted.size();
        assertTrue(answeredBefore < acknowledged.size(), "everything was sent before the stop: the test shows nothing");

        SubmitCounts fast = new SubmitCounts();
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", carrierPort)
                .withCredentials("edge", "edge"), fast);
             Gateway again = Gateway.start(ConfigLoader.load(dir.resolve("edge.yaml")))) {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                Set<String> missing = new HashSet<>(acknowledged);
                missing.removeAll(slow.accepted);
                missing.removeAll(fast.accepted);
                return missing.isEmpty();
            });
        }
        int twice = 0;
        for (String text : acknowledged) {
            if (slow.received.getOrDefault(text, new AtomicInteger()).get()
                    + fast.received.getOrDefault(text, new AtomicInteger()).get() > 1) {
                twice++;
            }
        }
        System.out.println("sigterm with a slow carrier: acknowledged=" + acknowledged.size() + " answered before "
                + "the stop=" + answeredBefore + " sent after the restart=" + fast.accepted.size()
                + " sent twice=" + twice);
    }

    /** What a bind_transceiver on an already open connection got: "bound", "refused 0x..", or the connection gone. */
    private static String bindOutcome(SmppPeer peer) {
        try {
            int status = peer.bind("acme", "acme-pw");
            return status == SmppConstants.STATUS_OK ? "bound" : "refused 0x" + Integer.toHexString(status);
        } catch (Exception e) {
            return "connection closed (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Everything the gateway process printed so far, output and log. */
    private static String output(Queue<String> out, Path log) throws IOException {
        return String.join("\n", out) + "\n" + (Files.exists(log) ? Files.readString(log) : "");
    }

    /** SIGTERM, through the process handle: {@link Process#destroy} would also close our end of its output. */
    private static void sigterm(Process gateway) {
        assertTrue(gateway.toHandle().destroy(), "SIGTERM not sent");
    }

    /** Until the gateway's output, read to its end on a thread of its own, says {@code text}. */
    private static void awaitOutput(Queue<String> out, Path log, String text) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> output(out, log).contains(text));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the gateway never printed '" + text + "':\n" + output(out, log), e);
        }
    }

    private static boolean refusesConnections(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path config(int carrierPort, int drainSeconds, String carrierFields) throws IOException {
        Path config = dir.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                carriers:
                  - { id: telco, systemId: edge, password: edge, window: 50, reconnectDelayMillis: 100, %s
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                shutdown: { drainSeconds: %d }
                """.formatted(dir.resolve("queues").toAbsolutePath(), carrierFields, carrierPort, drainSeconds));
        return config;
    }
}
