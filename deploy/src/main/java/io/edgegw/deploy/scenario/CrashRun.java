package io.edgegw.deploy.scenario;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One crash run, in its phases: load until {@code killAfter} messages are acknowledged, SIGKILL the gateway,
 * start it again on the same queues, send the rest, and wait (bounded) until every acknowledged message reached
 * the carrier and every receipt the tenant.
 */
final class CrashRun {
    private static final String TENANT = "crash";
    private static final long BIND_TIMEOUT_SECONDS = 60;
    private static final long KILL_WAIT_MILLIS = 10_000;
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    /** What the command line chose. */
    record Settings(int messages, int rate, long killAfter, int sessions, int window, long receiptDelayMillis,
                    long timeoutSeconds) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final TenantLedger tenant;
    private final CarrierLedger carrier;
    private final SubmitSchedule schedule;
    private final long began = System.nanoTime();
    private ScenarioTenant binds;

    CrashRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.tenant = new TenantLedger(settings.messages(), settings.killAfter());
        this.carrier = new CarrierLedger(settings.messages());
        this.schedule = new SubmitSchedule(settings.messages(), settings.rate());
    }

    /** Runs everything with queues, config and gateway logs under {@code work}. */
    CrashReport run(Path work) throws IOException, InterruptedException {
        SmscConfig smscConfig = new SmscConfig("carrier", "127.0.0.1", 0, "edge", "edge", 0,
                settings.receiptDelayMillis(), null, 0, null, true, SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS,
                SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(smscConfig, carrier);
             ScenarioTenant tenantBinds = new ScenarioTenant(TENANT, TENANT, settings.sessions(), settings.window(),
                     schedule, tenant)) {
            binds = tenantBinds;
            int port = freePort();
            Path config = writeConfig(work, port, smsc.port());
            out.printf("crash: carrier on 127.0.0.1:%d, gateway on 127.0.0.1:%d, queues in %s%n", smsc.port(), port,
                    work.resolve("queues"));
            Kill kill;
            try (GatewayProcess first = GatewayProcess.start(config, work.resolve("gateway-1.log"))) {
                kill = loadAndKill(first, port);
            }
            long restartMillis;
            try (GatewayProcess second = GatewayProcess.start(config, work.resolve("gateway-2.log"))) {
                restartMillis = restartAndFinish(second, port);
            }
            if (carrier.foreign() > 0) {
                out.printf("crash: the carrier also got %d submits without a scenario marker%n", carrier.foreign());
            }
            return CrashReport.measure(tenant, carrier, kill.acknowledged(), kill.exit(), kill.queued(),
                    kill.receiptsDue(), kill.startMillis(), restartMillis);
        }
    }

    /** What stood when the first gateway died. */
    private record Kill(long startMillis, int exit, long acknowledged, long queued, long receiptsDue) {
    }

    private Kill loadAndKill(GatewayProcess gateway, int port) throws InterruptedException {
        long startMillis = bind(gateway, port);
        out.printf("crash: gateway pid %d took its first bind %d ms after it was started; %d messages at %s over %d "
                        + "binds, kill -9 once %d are acknowledged%n", gateway.pid(), startMillis, settings.messages(),
                settings.rate() == 0 ? "full speed" : settings.rate() + " msg/s", settings.sessions(),
                settings.killAfter());
        binds.startSubmitting();
        // woken by the alarm itself, so the kill follows the threshold within a scheduling delay
        waitFor(() -> tenant.alarm().getCount() == 0 || !gateway.isAlive() || binds.doneSubmitting(),
                loadBoundSeconds(settings.killAfter()), tenant.alarm());
        if (tenant.alarm().getCount() != 0) {
            throw new IllegalStateException("only " + tenant.acknowledged() + " of " + settings.killAfter()
                    + " messages were acknowledged; gateway log " + gateway.log() + ":\n" + gateway.logTail(20));
        }
        long atSignal = tenant.acknowledged();
        int exit = gateway.kill();
        binds.awaitClosed(KILL_WAIT_MILLIS);
        Kill kill = new Kill(startMillis, exit, tenant.acknowledged(), tenant.notYetAt(carrier), tenant.receiptsDue());
        out.printf("crash: kill -9 pid %d at %d acknowledged (exit %d); when the connections closed: %d acknowledged, "
                        + "%d of them not yet at the carrier, %d receipts due, %d submits unanswered%n", gateway.pid(),
                atSignal, exit, kill.acknowledged(), kill.queued(), kill.receiptsDue(), tenant.unanswered());
        return kill;
    }

    /** Returns the restart time: from spawning the process until it took the first bind. */
    private long restartAndFinish(GatewayProcess gateway, int port) throws InterruptedException {
        long restartMillis = bind(gateway, port);
        out.printf("crash: restarted as pid %d on the same queues; first bind taken %d ms after it was started%n",
                gateway.pid(), restartMillis);
        binds.startSubmitting();
        waitFor(() -> !gateway.isAlive() || binds.doneSubmitting(),
                loadBoundSeconds(settings.messages() - schedule.issued()), NEVER);
        waitFor(() -> !gateway.isAlive() || (tenant.notYetAt(carrier) == 0 && tenant.receiptsDue() == 0),
                settings.timeoutSeconds(), NEVER);
        binds.unbind();
        if (!gateway.isAlive()) {
            out.println("crash: the restarted gateway died; log " + gateway.log() + ":\n" + gateway.logTail(20));
        }
        gateway.stop();
        return restartMillis;
    }

    /** Binds the tenant; returns milliseconds from spawning the process until it accepted the first bind. */
    private long bind(GatewayProcess gateway, int port) throws InterruptedException {
        long firstBound;
        try {
            firstBound = binds.bind(port, System.nanoTime() + TimeUnit.SECONDS.toNanos(BIND_TIMEOUT_SECONDS),
                    gateway::isAlive);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; gateway pid " + gateway.pid()
                    + (gateway.isAlive() ? " running" : " exited") + ", log " + gateway.log() + ":\n"
                    + gateway.logTail(20), e);
        }
        return TimeUnit.NANOSECONDS.toMillis(firstBound - gateway.startedNanos());
    }

    /** Time to send {@code count} messages at the rate, twice over, plus margin for a cold JVM. */
    private long loadBoundSeconds(long count) {
        return 30 + (settings.rate() == 0 ? count / 1_000 : 2 * count / settings.rate());
    }

    /**
     * Checks {@code done} every 10 ms (or as soon as {@code wake} opens) for at most {@code seconds}, printing a
     * progress line each second.
     */
    private void waitFor(BooleanSupplier done, long seconds, CountDownLatch wake) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long nextProgress = System.nanoTime() + 1_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
            wake.await(10, TimeUnit.MILLISECONDS);
            if (System.nanoTime() - nextProgress >= 0) {
                nextProgress += 1_000_000_000L;
                out.printf("crash: t=%ds acknowledged=%d carrier-accepted=%d receipts=%d outstanding=%d%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began), tenant.acknowledged(),
                        carrier.accepted(), tenant.receiptsReceived(), binds.outstanding());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The gateway's YAML: one tenant, the simulated carrier with two binds, everything routed to it. */
    private static Path writeConfig(Path work, int port, int carrierPort) throws IOException {
        Path config = work.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: %d }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: %s, systemId: %s, password: %s, window: 100 }
                carriers:
                  - { id: carrier, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [carrier] }
                """.formatted(port, work.resolve("queues"), TENANT, TENANT, TENANT, carrierPort));
        return config;
    }
}
