package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.usage.UsageTotals;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.load.ReportPage;
import io.edgegw.simulator.load.TextMix;
import io.edgegw.simulator.sip.CallLoad;
import io.edgegw.simulator.sip.CallLoadConfig;
import io.edgegw.simulator.sip.CallReport;
import io.edgegw.simulator.sip.SimulatedTrunk;
import io.edgegw.simulator.sip.TrunkConfig;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.micrometer.core.instrument.Timer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code edge demo}: simulated carriers (SMSCs and SIP trunks), the gateway and a load run in one process on loopback:
 * messages over SMPP and, beside them, calls over SIP; a progress line each second and a summary. Exit 0 only if every
 * acknowledged message came back as a receipt (nothing lost) and every call was answered (the demo's trunks answer
 * all), none lost to a timeout or an error.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run simulated carriers, the gateway and a load run on loopback, then print a summary.")
final class DemoCommand implements Callable<Integer> {
    /** Fast enough to be short, slow enough that a cold proxy keeps up (faster, it retransmits and falls behind). */
    private static final int WARMUP_CPS = 150;
    private static final long WARMUP_ROUND = 300;
    private static final Duration USAGE_WAIT = Duration.ofSeconds(10);
    /** The price plan of the built-in config (edge.yaml), so the summary's amount is the one ./edge up would rate. */
    static final String DEMO_PRICING = """
            pricing:
              plans:
                - id: demo
                  currency: EUR
                  sms: [{ prefix: '', price: '0.0500' }, { prefix: '44', price: '0.0400' }]
                  tiers: [{ from: 0, multiplier: 1 }, { from: 100000, multiplier: '0.8' }]
              tenants: { demo: demo }
            """;
    /** A warm path answers in a few ms on this machine; a round's p50 under this ends the warm-up. */
    private static final double WARM_P50_MILLIS = 5;
    @Option(names = "--messages", defaultValue = "100000", description = "messages to send (default ${DEFAULT-VALUE})")
    long messages;
    @Option(names = "--text-mix", paramLabel = "SPEC", defaultValue = "short=100",
            description = "texts by weight: short, long (300 GSM characters), unicode (UCS-2 with an emoji), e.g."
                    + " short=70,long=20,unicode=10 (default ${DEFAULT-VALUE}); as edge load --text-mix")
    String textMix;
    @Option(names = "--long-as", paramLabel = "payload|udh", defaultValue = "payload",
            description = "long and unicode texts as one message_payload or as UDH parts, each part one of --messages"
                    + " (default ${DEFAULT-VALUE})")
    String longAs;
    @Option(names = "--rate", defaultValue = "0", description = "target msg/s, 0 = as fast as the windows allow")
    int rate;
    @Option(names = "--sessions", defaultValue = "4", description = "tenant binds (default ${DEFAULT-VALUE})")
    int sessions;
    @Option(names = "--window", defaultValue = "100", description = "outstanding submit_sm per bind (default ${DEFAULT-VALUE})")
    int window;
    @Option(names = "--carriers", defaultValue = "2", description = "simulated carriers (default ${DEFAULT-VALUE})")
    int carriers;
    @Option(names = "--receipt-delay-ms", defaultValue = "20", description = "carrier receipt delay (default ${DEFAULT-VALUE})")
    long receiptDelayMillis;
    @Option(names = "--warmup", defaultValue = "0",
            description = "messages sent first and not counted, so the figures are of a JIT-compiled gateway (default ${DEFAULT-VALUE})")
    long warmup;
    @Option(names = "--calls", defaultValue = "200",
            description = "SIP calls placed beside the messages, 0 = none (default ${DEFAULT-VALUE})")
    long calls;
    @Option(names = "--cps", defaultValue = "50", description = "calls placed per second (default ${DEFAULT-VALUE})")
    int callsPerSecond;
    @Option(names = "--call-warmup", defaultValue = "3000",
            description = "at most this many SIP calls placed first (rounds of 300 at 150/s, until a round's setup p50 "
                    + "is under 5 ms) and not counted, so the call figures are of a JIT-compiled SIP path, 0 = none "
                    + "(default ${DEFAULT-VALUE})")
    long callWarmup;
    @Option(names = "--sync", defaultValue = "none",
            description = "storage.sync of the gateway: none (page cache) or batch (each journal batch forced to the "
                    + "device before its acks) (default ${DEFAULT-VALUE})")
    String sync;
    @Option(names = "--keep", description = "keep the queue directory afterwards")
    boolean keep;
    @Option(names = "--report", paramLabel = "FILE.html",
            description = "also write the load report with throughput and latency over time to this HTML file")
    Path reportFile;

    private final PrintStream out;

    DemoCommand() {
        this(System.out);
    }

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        TextMix.parse(textMix, TextMix.LongForm.parse(longAs)); // a bad spec fails here, before anything starts
        Path storage = Files.createTempDirectory("edge-demo-");
        List<SmscConfig> smscs = new ArrayList<>();
        for (int i = 0; i < carriers; i++) {
            smscs.add(new SmscConfig("sim-" + (char) ('a' + i), "127.0.0.1", 0, "edge", "edge", 0, receiptDelayMillis,
                    null, 0, null, true, SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS, SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT));
        }
        Map<String, TrunkConfig> trunks = new LinkedHashMap<>();
        for (SmscConfig smsc : smscs) {
            trunks.put(smsc.id(), TrunkConfig.defaults("127.0.0.1", 0)); // answers every call at once
        }
        try (EmbeddedCarriers sims = EmbeddedCarriers.start(smscs, java.util.Collections.nCopies(smscs.size(), null), trunks);
             Gateway gateway = Gateway.start(config(storage, sync, sims.smscs(), sims.trunks()))) {
            int port = gateway.listeners().get("smpp").getPort();
            int sipPort = gateway.listeners().get("sip").getPort();
            out.printf("demo: %d simulated carriers, gateway on 127.0.0.1:%d, %d messages over %d binds of tenant 'demo'%n",
                    carriers, port, messages, sessions);
            out.printf("demo: %d calls at %d calls/s to the gateway's SIP listener on udp 127.0.0.1:%d beside them%n",
                    calls, callsPerSecond, sipPort);
            if (calls > 0 && callWarmup > 0) {
                warmCalls(sipPort);
            }
            long carriedBefore = 0;
            if (warmup > 0) {
                LoadReport warm = new LoadGenerator(load(port, warmup, false), out).run();
                out.printf("demo: warm-up of %d messages done (%s), not counted below%n", warmup,
                        warm.success() ? "all receipted" : "INCOMPLETE");
                carriedBefore = sims.submitsReceived();
            }
            CompletableFuture<CallReport> callRun = calls == 0 ? null : placeCalls(sipPort);
            LoadReport report = new LoadGenerator(load(port, messages, true), out).run();
            CallReport callReport = callRun == null ? null : callRun.join();
            long lost = report.acknowledged() - report.receiptsMatched();
            out.println();
            out.println("demo summary");
            out.printf("  submitted                  %d%n", report.submitted());
            out.printf("  acknowledged               %d%n", report.acknowledged());
            out.printf("  sent to carriers           %d (submit_sm received by the simulated carriers)%n", sims.submitsReceived() - carriedBefore);
            if (!report.textMix().isEmpty()) {
                out.printf("  text mix                   %s%n", report.textMix());
                report.sentByKind().forEach(k -> out.printf("    %-8s %d messages in %d submit_sm%n",
                        k.kind(), k.messages(), k.submits()));
            }
            printUsage(gateway, warmup + report.acknowledged());
            out.printf("  receipts back to tenant    %d%n", report.receiptsMatched());
            out.printf("  lost                       %d%n", lost);
            out.printf("  throughput                 %.0f msg/s acknowledged, %.0f receipts/s end to end%n",
                    report.throughput(), report.endToEndRate());
            out.printf("  submit_sm_resp latency     p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n",
                    report.p50Millis(), report.p99Millis(), report.p999Millis());
            out.printf("  cores                      %d%n", Runtime.getRuntime().availableProcessors());
            out.printf("  storage                    %s (sync %s, %s)%n", storage, sync, fileSystem(storage));
            Timer forces = gateway.meters().find("edge_storage_sync").timer();
            if (forces != null && forces.count() > 0) {
                out.printf("  forces to the device       %d (journal batches, warm-up included), mean %.2f ms, max %.2f ms%n",
                        forces.count(), forces.mean(TimeUnit.MILLISECONDS), forces.max(TimeUnit.MILLISECONDS));
            }
            if (callReport != null) {
                printCalls(callReport);
                printTrunks(gateway.connectorView("sip"));
            }
            // the demo's trunks answer every call: anything else is a call lost on the way
            boolean callsOk = callReport == null || (callReport.nothingLost() && callReport.answered() == callReport.placed());
            boolean ok = lost == 0 && report.success() && callsOk;
            out.println("  result                     " + (ok ? "OK" : "FAILED"));
            if (reportFile != null) {
                ReportPage.write(reportFile, String.format("edge demo: %d messages, %d binds, %d carriers",
                        messages, sessions, carriers), report);
                out.println("report written to " + reportFile);
            }
            return ok ? 0 : 1;
        } finally {
            if (!keep) {
                deleteTree(storage);
            } else {
                out.println("queues kept in " + storage);
            }
        }
    }

    /**
     * Calls through the same path before the measured ones, in rounds until one is fast: a fresh JVM interprets the
     * SIP code of the caller, the proxy and the trunks at first, and its first calls measure the JIT compiler, not
     * the path. Rounds end early once warm, so a fast machine is not kept waiting; at most {@code callWarmup} calls.
     */
    private void warmCalls(int sipPort) throws Exception {
        long done = 0;
        int rounds = 0;
        CallReport last = null;
        while (done < callWarmup) {
            long n = Math.min(WARMUP_ROUND, callWarmup - done);
            try (CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", sipPort, WARMUP_CPS, n, "4470"))) {
                last = load.run();
            }
            done += n;
            rounds++;
            if (last.nothingLost() && last.setupP50Millis() < WARM_P50_MILLIS) {
                break;
            }
        }
        out.printf("demo: SIP warm-up of %d calls in %d rounds done (last round: %d of %d answered, setup p50 %.2f ms), "
                + "not counted below%n", done, rounds, last.answered(), last.placed(), last.setupP50Millis());
    }

    /** The call load on its own thread, so it runs beside the messages; its calls are paced by its own scheduler. */
    private CompletableFuture<CallReport> placeCalls(int sipPort) {
        CompletableFuture<CallReport> result = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try (CallLoad load = new CallLoad(CallLoadConfig.of("127.0.0.1", sipPort, callsPerSecond, calls, "4470"))) {
                result.complete(load.run());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "demo-calls");
        runner.setDaemon(true);
        runner.start();
        return result;
    }

    private void printCalls(CallReport calls) {
        out.println("  calls");
        out.printf("    placed                   %d%n", calls.placed());
        out.printf("    answered                 %d%n", calls.answered());
        out.printf("    failed                   %d (%s)%n", calls.failed(), calls.failedText());
        out.printf("    timed out                %d%n", calls.timedOut());
        out.printf("    errors                   %d%n", calls.errors());
        out.printf("    setup latency            p50 %.2f ms, p99 %.2f ms (INVITE to final response)%n",
                calls.setupP50Millis(), calls.setupP99Millis());
        out.printf("    calls/s                  %.1f%n", calls.callsPerSecond());
    }

    /** Each trunk as the gateway's proxy saw it (the view {@code GET /api/sip} serves): state, attempts, ASR, PDD. */
    private void printTrunks(Object sipView) {
        if (sipView == null) {
            return;
        }
        out.println(callWarmup > 0 ? "  sip trunks (the gateway's view, warm-up calls included)" : "  sip trunks (the gateway's view)");
        for (JsonNode t : new ObjectMapper().valueToTree(sipView).path("trunks")) {
            JsonNode asr = t.path("asr");
            JsonNode pdd = t.path("postDialDelayMillis");
            out.printf("    %-24s %s, %d attempts, ASR %s, PDD %s%n", t.path("carrier").asText(),
                    t.path("state").asText(), t.path("attempts").asLong(),
                    asr.isNumber() ? String.format(Locale.ROOT, "%.1f%%", asr.asDouble() * 100) : "-",
                    pdd.isNumber() ? pdd.asLong() + " ms" : "-");
        }
    }

    /**
     * Tenant demo's usage this month as the gateway metered and rated it, once its usage reader has made an event of
     * each of the {@code acknowledged} messages (warm-up included; bounded wait, then what it has).
     */
    private void printUsage(Gateway gateway, long acknowledged) throws InterruptedException {
        long deadline = System.nanoTime() + USAGE_WAIT.toNanos();
        UsageTotals t = gateway.usage().totals("demo");
        while ((t == null || t.messages() < acknowledged) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            t = gateway.usage().totals("demo");
        }
        if (t == null) {
            out.println("  usage metered              nothing yet");
            return;
        }
        out.printf("  usage metered              %d segments in %d messages%s%s%n", t.segments(), t.messages(),
                warmup > 0 ? " (warm-up included)" : "",
                t.messages() < acknowledged ? " (the usage reader is still behind)" : "");
        out.printf("  amount rated               %s (tier %d, plan of tenant demo)%n", t.amount() == null ? "-"
                : t.amount().toPlainString() + " " + t.currency().getCurrencyCode(), t.tier());
    }

    private LoadConfig load(int port, long count, boolean progress) {
        return new LoadConfig("127.0.0.1", port, "demo", "demo", sessions, count, 0, rate, window,
                "1000", "4470", 1_000_000, true, 60, 10, 900, progress,
                TextMix.parse(textMix, TextMix.LongForm.parse(longAs)));
    }

    private static GatewayConfig config(Path storage, String sync, List<SimulatedSmsc> smscs,
                                        Map<String, SimulatedTrunk> trunks) {
        StringBuilder yaml = new StringBuilder()
                .append("smpp: { host: 127.0.0.1, port: 0 }\n")
                .append("admin: { host: 127.0.0.1, port: 0 }\n")
                .append("sip: { enabled: true, host: 127.0.0.1, port: 0 }\n")
                .append("storage: { dir: '").append(storage.toAbsolutePath()).append("', sync: '").append(sync)
                .append("' }\n")
                .append("tenants:\n  - { id: demo, systemId: demo, password: demo, window: 200, sipSources: [127.0.0.1/32] }\n")
                .append("carriers:\n");
        StringBuilder ids = new StringBuilder();
        for (SimulatedSmsc smsc : smscs) {
            yaml.append("  - { id: ").append(smsc.config().id())
                    .append(", systemId: edge, password: edge, bindsPerEndpoint: 2, window: 200, endpoints: [{ host: 127.0.0.1, port: ")
                    .append(smsc.port()).append(" }], sip: { host: 127.0.0.1, port: ")
                    .append(trunks.get(smsc.config().id()).port()).append(" } }\n");
            ids.append(ids.length() == 0 ? "" : ", ").append(smsc.config().id());
        }
        yaml.append("routes:\n  - { prefix: '', carriers: [").append(ids).append("] }\n");
        yaml.append(DEMO_PRICING);
        return ConfigLoader.parse(yaml.toString());
    }

    private static String fileSystem(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "file system unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
