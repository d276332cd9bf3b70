package io.edgegw.deploy.scenario;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One sigterm run, in its phases: load until {@code stopAfter} messages are acknowledged, SIGTERM the gateway and
 * time its exit, start it again on the same queues, send the rest, and wait (bounded) until every acknowledged
 * message reached the carrier and every receipt the tenant. The carrier answers each submit after
 * {@code carrierLatencyMillis}, so submits are in flight toward it when the signal comes.
 */
final class SigtermRun {
    /** How long the scenario waits for the signalled gateway to exit before it kills it (and fails). */
    private static final long EXIT_WAIT_SECONDS = 120;

    private final RestartOptions options;
    private final long carrierLatencyMillis;
    private final int drainSeconds;
    private final PrintStream out;
    private final RestartHarness harness;
    /** Made and used once before the load, so the read at the signal costs milliseconds, not class loading. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    SigtermRun(RestartOptions options, long stopAfter, long carrierLatencyMillis, int drainSeconds, PrintStream out) {
        this.options = options;
        this.carrierLatencyMillis = carrierLatencyMillis;
        this.drainSeconds = drainSeconds;
        this.out = out;
        this.harness = new RestartHarness("sigterm", options, stopAfter, out);
    }

    /** Runs everything with queues, config and gateway logs under {@code work}. */
    SigtermReport run(Path work) throws IOException, InterruptedException {
        SmscConfig smscConfig = new SmscConfig("carrier", "127.0.0.1", 0, "edge", "edge",
                carrierLatencyMillis, options.receiptDelayMillis, null, 0, null, true,
                SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS, SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(smscConfig, harness.carrier);
             ScenarioTenant ignored = harness.openTenant()) {
            int port = RestartHarness.freePort();
            int adminPort = RestartHarness.freePort();
            Path config = harness.writeConfig(work, port, adminPort, smsc.port(),
                    "shutdown: { drainSeconds: %d }".formatted(drainSeconds));
            out.printf("sigterm: carrier on 127.0.0.1:%d (answers after %d ms), gateway on 127.0.0.1:%d, queues in %s%n",
                    smsc.port(), carrierLatencyMillis, port, work.resolve("queues"));
            Stop stop;
            try (GatewayProcess first = GatewayProcess.start(config, work.resolve("gateway-1.log"))) {
                stop = loadAndStop(first, port, adminPort);
            }
            try (GatewayProcess second = GatewayProcess.start(config, work.resolve("gateway-2.log"))) {
                harness.finishAfterRestart(second, port);
                GatewayProcess.Exit exit = second.terminate(EXIT_WAIT_SECONDS);
                out.printf("sigterm: the restarted gateway, idle, exited with %d %d ms after SIGTERM%n", exit.code(),
                        exit.millis());
            }
            harness.reportForeign();
            return SigtermReport.measure(harness.tenant, harness.carrier, stop.acknowledged(), stop.inFlight(),
                    stop.outstanding(), stop.exit(), drainSeconds);
        }
    }

    /** What stood when the first gateway was told to stop, and how it went. */
    private record Stop(long acknowledged, long inFlight, int outstanding, GatewayProcess.Exit exit) {
    }

    private Stop loadAndStop(GatewayProcess gateway, int port, int adminPort) throws InterruptedException {
        harness.loadToThreshold(gateway, port, "SIGTERM");
        inFlightTowardCarriers(adminPort); // warms the HTTP client up
        harness.submitUntilThreshold(gateway);
        TenantLedger tenant = harness.tenant;
        long inFlight = inFlightTowardCarriers(adminPort);
        int outstanding = harness.binds().outstanding();
        long atSignal = tenant.acknowledged();
        GatewayProcess.Exit exit = gateway.terminate(EXIT_WAIT_SECONDS);
        harness.binds().awaitClosed(10_000);
        out.printf("sigterm: SIGTERM to pid %d at %d acknowledged, with %d messages in flight toward the carrier and "
                        + "%d submits awaiting their answer; exited with %d after %d ms; %d acknowledged by then%n",
                gateway.pid(), atSignal, inFlight, outstanding, exit.code(), exit.millis(), tenant.acknowledged());
        out.println("sigterm: gateway's own account: " + stopLine(gateway));
        return new Stop(tenant.acknowledged(), inFlight, outstanding, exit);
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
                if (line.startsWith("edge_tenant_in_flight{")
                        && line.contains("tenant=\"" + harness.tenantId + "\"")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            throw new IllegalStateException("no edge_tenant_in_flight for tenant " + harness.tenantId + " in /metrics");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the gateway's /metrics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading /metrics", e);
        }
    }
}
