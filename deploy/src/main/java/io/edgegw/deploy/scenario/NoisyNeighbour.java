package io.edgegw.deploy.scenario;

import io.edgegw.core.Gateway;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * Tenant "noisy" bursts far beyond its share of one carrier while tenant "steady" sends at an even pace; steady's
 * delivery delay (submit to receipt) is measured alone and again during the burst. The carrier's capacity is its
 * window over its latency (binds × window / latency), as with a real SMSC that answers at its own pace, so the
 * burst is held in noisy's queue on disk and drained at carrier speed. Gateway, simulator and both tenants run in
 * this process over real loopback sockets.
 */
final class NoisyNeighbour {
    /** The run's knobs; see {@link #defaults()}. */
    record Settings(int carrierWindow, long carrierLatencyMillis, long receiptDelayMillis, int steadyRate,
                    int seconds, int burstRate, long burstMessages, long warmupMessages) {
        /** Carrier capacity 2,000 msg/s (window 20 over 10 ms); noisy bursts at 10,000 msg/s, 10x its half share. */
        static Settings defaults() {
            return new Settings(20, 10, 10, 100, 10, 10_000, 100_000, 20_000);
        }

        int carrierCapacity() {
            return (int) (carrierWindow * 1000 / Math.max(1, carrierLatencyMillis));
        }
    }

    /** What happened; {@code pass()} needs no lost or refused message and steady's p99 within 20% of alone. */
    record Result(Settings settings, LoadReport steadyAlone, LoadReport steadyDuringBurst, LoadReport burst,
                  long noisyBacklogAtEnd) {
        double p99Increase() {
            return steadyDuringBurst.receiptP99Millis() / Math.max(1e-9, steadyAlone.receiptP99Millis()) - 1;
        }

        /** Everything but timing: steady untouched by noisy's limits, noisy's burst absorbed, steady not behind it. */
        boolean isolated() {
            return steadyAlone.success() && steadyDuringBurst.success() && steadyDuringBurst.throttled() == 0
                    && burst.acknowledged() == burst.submitted() && burst.submitted() == settings.burstMessages()
                    && noisyBacklogAtEnd > 0;
        }

        boolean pass() {
            return isolated() && p99Increase() <= 0.20;
        }

        ScenarioResult toResult() {
            List<String> problems = new ArrayList<>();
            if (!isolated()) {
                problems.add("steady was refused, lost or held back, or noisy's burst was not wholly accepted");
            }
            if (p99Increase() > 0.20) {
                problems.add(String.format("steady's p99 rose %.0f%% during the burst (goal: at most 20%%)",
                        p99Increase() * 100));
            }
            return new ScenarioResult("noisy-neighbour", pass(), List.of(
                    figure("steady-p99-alone", String.format("%.1f ms", steadyAlone.receiptP99Millis())),
                    figure("steady-p99-during-burst", String.format("%.1f ms", steadyDuringBurst.receiptP99Millis())),
                    figure("change", String.format("%+.0f%%", p99Increase() * 100)),
                    figure("steady-lost", steadyDuringBurst.acknowledged() - steadyDuringBurst.receiptsMatched()),
                    figure("steady-throttled", steadyDuringBurst.throttled()),
                    figure("burst-accepted", burst.acknowledged() + "/" + burst.submitted()),
                    figure("burst-rate", String.format("%.0f msg/s", burst.throughput())),
                    figure("carrier", settings.carrierCapacity() + " msg/s"),
                    figure("noisy-queued-at-end", noisyBacklogAtEnd)), problems);
        }

        String verdict() {
            return toResult().verdict();
        }
    }

    private NoisyNeighbour() {
    }

    static Result run(Settings s, Path storage, PrintStream out) throws Exception {
        SmscConfig carrier = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge")
                .withTiming(s.carrierLatencyMillis(), s.receiptDelayMillis());
        try (SimulatedSmsc smsc = SimulatedSmsc.start(carrier);
             Gateway gateway = Gateway.start(ScenarioFiles.oneCarrier(storage, List.of("noisy", "steady"), smsc.port(),
                     s.carrierWindow()))) {
            int port = gateway.listeners().get("smpp").getPort();
            int admin = gateway.listeners().get("admin").getPort();
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            out.printf("noisy-neighbour: carrier capacity %d msg/s (window %d, %d ms latency); steady sends %d msg/s "
                            + "for %d s, noisy bursts %d messages at %d msg/s%n", s.carrierCapacity(), s.carrierWindow(),
                    s.carrierLatencyMillis(), s.steadyRate(), s.seconds(), s.burstMessages(), s.burstRate());
            if (s.warmupMessages() > 0) {
                new LoadGenerator(burst(port, s.warmupMessages(), 0), quiet).run();
                new LoadGenerator(steady(port, s.warmupMessages() / 10, 0), quiet).run();
                awaitEmpty(admin, "noisy", 120);
                out.printf("noisy-neighbour: warm-up of %d + %d messages done%n", s.warmupMessages(),
                        s.warmupMessages() / 10);
            }
            LoadReport alone = new LoadGenerator(steady(port, (long) s.steadyRate() * s.seconds(), s.steadyRate()),
                    quiet).run();
            out.printf("noisy-neighbour: steady alone: submit->receipt p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                            + "%d/%d receipted%n", alone.receiptP50Millis(), alone.receiptP99Millis(),
                    alone.receiptMaxMillis(), alone.receiptsMatched(), alone.acknowledged());
            CompletableFuture<LoadReport> noisy = CompletableFuture.supplyAsync(() -> {
                try {
                    return new LoadGenerator(burst(port, s.burstMessages(), s.burstRate()), quiet).run();
                } catch (Exception e) {
                    throw new IllegalStateException("noisy's burst failed: " + e.getMessage(), e);
                }
            });
            LoadReport during = new LoadGenerator(steady(port, (long) s.steadyRate() * s.seconds(), s.steadyRate()),
                    quiet).run();
            long backlog = depth(admin, "noisy");
            LoadReport burst = noisy.get();
            out.printf("noisy-neighbour: steady during burst: submit->receipt p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                            + "%d/%d receipted; noisy queue %d when steady finished%n", during.receiptP50Millis(),
                    during.receiptP99Millis(), during.receiptMaxMillis(), during.receiptsMatched(),
                    during.acknowledged(), backlog);
            return new Result(s, alone, during, burst, backlog);
        }
    }

    private static LoadConfig steady(int port, long messages, int rate) {
        return new LoadConfig("127.0.0.1", port, "steady", "steady", 1, messages, 0, rate, 20, "2000", "4470",
                1_000_000, true, 60, 10, 300, false);
    }

    /** Noisy does not ask for receipts: its run ends once its burst is accepted, whatever is still queued. */
    private static LoadConfig burst(int port, long messages, int rate) {
        return new LoadConfig("127.0.0.1", port, "noisy", "noisy", 2, messages, 0, rate, 200, "1000", "4471",
                1_000_000, false, 0, 10, 300, false);
    }

    private static final Pattern DEPTH = Pattern.compile(
            "edge_tenant_inbound_depth\\{tenant=\"([^\"]+)\"} ([0-9.E]+)");

    /** A tenant's inbound queue depth, as an operator sees it at /metrics. */
    static long depth(int adminPort, String tenant) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = DEPTH.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(tenant)) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        throw new IllegalStateException("no edge_tenant_inbound_depth for " + tenant + " at /metrics");
    }

    private static void awaitEmpty(int adminPort, String tenant, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (depth(adminPort, tenant) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(tenant + "'s queue did not drain in " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    static Path tempStorage() throws IOException {
        return Files.createTempDirectory("edge-noisy-");
    }
}
