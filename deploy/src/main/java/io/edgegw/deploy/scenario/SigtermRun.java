package io.edgegw.deploy.scenario;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One sigterm run, in its phases: load until {@code stopAfter} messages are acknowledged, SIGTERM the gateway and
 * time its exit, start it again on the same queues, send the rest, and wait (bounded) until every acknowledged
 * message reached the carrier and every receipt the tenant. The carrier answers each submit after
 * {@code carrierLatencyMillis}, so submits are in flight toward it when the signal comes.
 */
final class SigtermRun {
    private static final String TENANT = "sigterm";
    private static final long BIND_TIMEOUT_SECONDS = 60;
    /** How long the scenario waits for the signalled gateway to exit before it kills it (and fails). */
    private static final long EXIT_WAIT_SECONDS = 120;
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    /** What the command line chose. */
    record Settings(int messages, int rate, long stopAfter, int sessions, int window, long receiptDelayMillis,
                    long carrierLatencyMillis, int drainSeconds, long timeoutSeconds) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final TenantLedger tenant;
    private final CarrierLedger carrier;
    private final SubmitSchedule schedule;
    private final long began = System.nanoTime();
    /** Made and used once before the load, so the read at the signal costs milliseconds, not class loading. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ScenarioTenant binds;

    SigtermRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.tenant = new TenantLedger(settings.messages(), settings.stopAfter());
        this.carrier = new CarrierLedger(settings.messages());
        this.schedule = new SubmitSchedule(settings.messages(), settings.rate());
    }

    /** Runs everything with queues, config and gateway logs under {@code work}. */
    SigtermReport run(Path work) throws IOException, InterruptedException {
        SmscConfig smscConfig = new SmscConfig("carrier", "127.0.0.1", 0, "edge", "edge",
                settings.carrierLatencyMillis(), settings.receiptDelayMillis(), null, 0, null, true,
                SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS, SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(smscConfig, carrier);
             ScenarioTenant tenantBinds = new ScenarioTenant(TENANT, TENANT, settings.sessions(), settings.window(),
                     schedule, tenant)) {
            binds = tenantBinds;
            int port = freePort();
            int adminPort = freePort();
            Path config = writeConfig(work, port, adminPort, smsc.port(), settings.drainSeconds());
            out.printf("sigterm: carrier on 127.0.0.1:%d (answers after %d ms), gateway on 127.0.0.1:%d, queues in %s%n",
                    smsc.port(), settings.carrierLatencyMillis(), port, work.resolve("queues"));
            Stop stop;
            try (GatewayProcess first = GatewayProcess.start(config, work.resolve("gateway-1.log"))) {
                stop = loadAndStop(first, port, adminPort);
            }
            try (GatewayProcess second = GatewayProcess.start(config, work.resolve("gateway-2.log"))) {
                restartAndFinish(second, port);
            }
            if (carrier.foreign() > 0) {
                out.printf("sigterm: the carrier also got %d submits without a scenario marker%n", carrier.foreign());
            }
            return SigtermReport.measure(tenant, carrier, stop.acknowledged(), stop.inFlight(), stop.outstanding(),
                    stop.exit(), settings.drainSeconds());
        }
    }

    /** What stood when the first gateway was told to stop, and how it went. */
    private record Stop(long acknowledged, long inFlight, int outstanding, GatewayProcess.Exit exit) {
    }

    private Stop loadAndStop(GatewayProcess gateway, int port, int adminPort) throws InterruptedException {
        long startMillis = bind(gateway, port);
        out.printf("sigterm: gateway pid %d took its first bind %d ms after it was started; %d messages at %s over %d "
                        + "binds, SIGTERM once %d are acknowledged%n", gateway.pid(), startMillis, settings.messages(),
                settings.rate() == 0 ? "full speed" : settings.rate() + " msg/s", settings.sessions(),
                settings.stopAfter());
        inFlightTowardCarriers(adminPort); // warms the HTTP client up
        binds.startSubmitting();
        waitFor(() -> tenant.alarm().getCount() == 0 || !gateway.isAlive() || binds.doneSubmitting(),
                loadBoundSeconds(settings.stopAfter()), tenant.alarm());
        if (tenant.alarm().getCount() != 0) {
            throw new IllegalStateException("only " + tenant.acknowledged() + " of " + settings.stopAfter()
                    + " messages were acknowledged; gateway log " + gateway.log() + ":\n" + gateway.logTail(20));
        }
        long inFlight = inFlightTowardCarriers(adminPort);
        int outstanding = binds.outstanding();
        long atSignal = tenant.acknowledged();
        GatewayProcess.Exit exit = gateway.terminate(EXIT_WAIT_SECONDS);
        binds.awaitClosed(10_000);
        out.printf("sigterm: SIGTERM to pid %d at %d acknowledged, with %d messages in flight toward the carrier and "
                        + "%d submits awaiting their answer; exited with %d after %d ms; %d acknowledged by then%n",
                gateway.pid(), atSignal, inFlight, outstanding, exit.code(), exit.millis(), tenant.acknowledged());
        out.println("sigterm: gateway's own account: " + stopLine(gateway));
        return new Stop(tenant.acknowledged(), inFlight, outstanding, exit);
    }

    private void restartAndFinish(GatewayProcess gateway, int port) throws InterruptedException {
        long restartMillis = bind(gateway, port);
        out.printf("sigterm: restarted as pid %d on the same queues; first bind taken %d ms after it was started%n",
                gateway.pid(), restartMillis);
        binds.startSubmitting();
        waitFor(() -> !gateway.isAlive() || binds.doneSubmitting(),
                loadBoundSeconds(settings.messages() - schedule.issued()), NEVER);
        waitFor(() -> !gateway.isAlive() || (tenant.notYetAt(carrier) == 0 && tenant.receiptsDue() == 0),
                settings.timeoutSeconds(), NEVER);
        binds.unbind();
        if (!gateway.isAlive()) {
            out.println("sigterm: the restarted gateway died; log " + gateway.log() + ":\n" + gateway.logTail(20));
        }
        GatewayProcess.Exit exit = gateway.terminate(EXIT_WAIT_SECONDS);
        out.printf("sigterm: the restarted gateway, idle, exited with %d %d ms after SIGTERM%n", exit.code(),
                exit.millis());
    }

    /** The gateway's own stop line from its log ("gateway stopped in ..."), or a note that there is none. */
    private static String stopLine(GatewayProcess gateway) {
        try {
            return Files.readAllLines(gateway.log()).stream().filter(l -> l.contains("gateway stopped in"))
                    .map(l -> l.substring(l.indexOf("gateway stopped in"))).reduce((a, b) -> b)
                    .orElse("(no stop line in " + gateway.log() + ")");
        } catch (IOException e) {
            return "(cannot read " + gateway.log() + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Messages the gateway has read from the tenant's queue and not completed (sent to the carrier and not yet
     * answered, or answered and not yet journaled): the ones a restart would send again if the stop lost them.
     */
    private long inFlightTowardCarriers(int adminPort) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith("edge_tenant_in_flight{") && line.contains("tenant=\"" + TENANT + "\"")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            throw new IllegalStateException("no edge_tenant_in_flight for tenant " + TENANT + " in /metrics");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the gateway's /metrics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading /metrics", e);
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
                out.printf("sigterm: t=%ds acknowledged=%d carrier-accepted=%d receipts=%d outstanding=%d%n",
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
    private static Path writeConfig(Path work, int port, int adminPort, int carrierPort, int drainSeconds)
            throws IOException {
        Path config = work.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: %d }
                admin: { host: 127.0.0.1, port: %d }
                storage: { dir: '%s' }
                shutdown: { drainSeconds: %d }
                tenants:
                  - { id: %s, systemId: %s, password: %s, window: 100 }
                carriers:
                  - { id: carrier, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [carrier] }
                """.formatted(port, adminPort, work.resolve("queues"), drainSeconds, TENANT, TENANT, TENANT,
                carrierPort));
        return config;
    }
}
