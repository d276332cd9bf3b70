package io.edgegw.deploy.scenario;

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
 * What the stop-and-restart scenarios (crash, sigterm) do alike: the tenant and carrier ledgers, binding the tenant
 * to a gateway process, loading until a threshold of acknowledged messages, and after the restart sending the rest
 * and waiting (bounded) until every acknowledged message reached the carrier and every receipt the tenant.
 */
final class RestartHarness {
    private static final long BIND_TIMEOUT_SECONDS = 60;
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    final String name;
    final String tenantId;
    final TenantLedger tenant;
    final CarrierLedger carrier;
    final SubmitSchedule schedule;
    private final RestartOptions options;
    private final long threshold;
    private final PrintStream out;
    private final long began = System.nanoTime();
    private ScenarioTenant binds;

    RestartHarness(String name, RestartOptions options, long threshold, PrintStream out) {
        this.name = name;
        this.tenantId = name;
        this.options = options;
        this.threshold = threshold;
        this.out = out;
        this.tenant = new TenantLedger(options.messages, threshold);
        this.carrier = new CarrierLedger(options.messages);
        this.schedule = new SubmitSchedule(options.messages, options.rate);
    }

    /** The tenant's binds, not connected yet; the caller closes them. */
    ScenarioTenant openTenant() {
        binds = new ScenarioTenant(tenantId, tenantId, options.sessions, options.window, schedule, tenant);
        return binds;
    }

    ScenarioTenant binds() {
        return binds;
    }

    /**
     * Binds the tenant to the first gateway and submits until {@code threshold} messages are acknowledged; the
     * gateway dying or the load ending first fails the run. Returns milliseconds from spawn to the first bind.
     */
    long loadToThreshold(GatewayProcess gateway, int port, String action) throws InterruptedException {
        long startMillis = bind(gateway, port);
        out.printf("%s: gateway pid %d took its first bind %d ms after it was started; %d messages at %s over %d "
                        + "binds, %s once %d are acknowledged%n", name, gateway.pid(), startMillis, options.messages,
                options.rate == 0 ? "full speed" : options.rate + " msg/s", options.sessions, action, threshold);
        return startMillis;
    }

    /** Starts submitting and waits (woken by the ledger's alarm) until the threshold is acknowledged. */
    void submitUntilThreshold(GatewayProcess gateway) throws InterruptedException {
        binds.startSubmitting();
        waitFor(() -> tenant.alarm().getCount() == 0 || !gateway.isAlive() || binds.doneSubmitting(),
                loadBoundSeconds(threshold), tenant.alarm());
        if (tenant.alarm().getCount() != 0) {
            throw new IllegalStateException("only " + tenant.acknowledged() + " of " + threshold
                    + " messages were acknowledged; gateway log " + gateway.log() + ":\n" + gateway.logTail(20));
        }
    }

    /**
     * On the restarted gateway: binds, sends the rest, waits until everything acknowledged reached the carrier and
     * every receipt the tenant, unbinds. Returns milliseconds from spawn to the first bind; the caller stops it.
     */
    long finishAfterRestart(GatewayProcess gateway, int port) throws InterruptedException {
        long restartMillis = bind(gateway, port);
        out.printf("%s: restarted as pid %d on the same queues; first bind taken %d ms after it was started%n", name,
                gateway.pid(), restartMillis);
        binds.startSubmitting();
        waitFor(() -> !gateway.isAlive() || binds.doneSubmitting(),
                loadBoundSeconds(options.messages - schedule.issued()), NEVER);
        waitFor(() -> !gateway.isAlive() || (tenant.notYetAt(carrier) == 0 && tenant.receiptsDue() == 0),
                options.timeoutSeconds, NEVER);
        binds.unbind();
        if (!gateway.isAlive()) {
            out.println(name + ": the restarted gateway died; log " + gateway.log() + ":\n" + gateway.logTail(20));
        }
        return restartMillis;
    }

    void reportForeign() {
        if (carrier.foreign() > 0) {
            out.printf("%s: the carrier also got %d submits without a scenario marker%n", name, carrier.foreign());
        }
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
        return 30 + (options.rate == 0 ? count / 1_000 : 2 * count / options.rate);
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
                out.printf("%s: t=%ds acknowledged=%d carrier-accepted=%d receipts=%d outstanding=%d%n", name,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began), tenant.acknowledged(),
                        carrier.accepted(), tenant.receiptsReceived(), binds.outstanding());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The gateway's YAML: SMPP and admin on the given ports, one tenant, the simulated carrier with two binds,
     * everything routed to it; {@code extra} is added as top-level lines (e.g. a shutdown section).
     */
    Path writeConfig(Path work, int port, int adminPort, int carrierPort, String extra) throws IOException {
        Path config = work.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: %d }
                admin: { host: 127.0.0.1, port: %d }
                storage: { dir: '%s' }
                %s
                tenants:
                  - { id: %s, systemId: %s, password: %s, window: 100 }
                carriers:
                  - { id: carrier, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [carrier] }
                """.formatted(port, adminPort, work.resolve("queues"), extra, tenantId, tenantId, tenantId,
                carrierPort));
        return config;
    }
}
