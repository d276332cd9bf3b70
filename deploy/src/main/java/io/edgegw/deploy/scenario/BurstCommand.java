package io.edgegw.deploy.scenario;

import io.edgegw.core.Gateway;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * {@code edge scenario burst}: one tenant sends a large burst as fast as the gateway accepts it while the only
 * carrier drains at a fixed pace (window over latency). Reports the acceptance rate, the queue's size on disk at
 * the peak, and how long the carrier took to drain it; PASS when every message was accepted and reached the carrier.
 */
@Command(name = "burst", mixinStandardHelpOptions = true,
        description = {"A tenant bursts --messages at full speed into its queue while one simulated carrier drains",
                "it at window/latency msg/s; prints acceptance rate, disk used and drain time."})
public final class BurstCommand implements Callable<Integer> {
    @Option(names = "--messages", description = "burst size (default ${DEFAULT-VALUE})")
    long messages = 1_000_000;
    @Option(names = "--sessions", description = "tenant binds (default ${DEFAULT-VALUE})")
    int sessions = 4;
    @Option(names = "--carrier-window", description = "carrier window (default ${DEFAULT-VALUE})")
    int carrierWindow = 50;
    @Option(names = "--carrier-latency-ms", description = "carrier submit_sm_resp latency (default ${DEFAULT-VALUE})")
    long carrierLatencyMillis = 10;
    @Option(names = "--dir", description = "queue directory to use and keep (default: a temporary one, deleted)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path storage = dir != null ? dir : Files.createTempDirectory("edge-burst-");
        try {
            ScenarioResult result = run(storage, System.out);
            return result.report(System.out);
        } finally {
            if (dir == null) {
                ScenarioFiles.deleteTree(storage);
            }
        }
    }

    ScenarioResult run(Path storage, PrintStream out) throws Exception {
        SmscConfig carrier = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge")
                .withTiming(carrierLatencyMillis, 0).withReceipts(false, SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS);
        int capacity = (int) (carrierWindow * 1000 / Math.max(1, carrierLatencyMillis));
        try (SimulatedSmsc smsc = SimulatedSmsc.start(carrier);
             Gateway gateway = Gateway.start(ScenarioFiles.oneCarrier(storage, List.of("bursty"), smsc.port(),
                     carrierWindow))) {
            int port = gateway.listeners().get("smpp").getPort();
            int admin = gateway.listeners().get("admin").getPort();
            out.printf("burst: %d messages over %d binds at full speed; carrier drains at %d msg/s (window %d, %d ms)%n",
                    messages, sessions, capacity, carrierWindow, carrierLatencyMillis);
            long start = System.nanoTime();
            LoadReport r = new LoadGenerator(new LoadConfig("127.0.0.1", port, "bursty", "bursty", sessions, messages,
                    0, 0, 200, "1000", "4470", 1_000_000, false, 0, 30, 1800, false),
                    new PrintStream(OutputStream.nullOutputStream())).run();
            long accepted = System.nanoTime();
            long backlog = NoisyNeighbour.depth(admin, "bursty");
            long disk = diskUsed(storage);
            out.printf("burst: %d/%d accepted in %.1f s (%.0f msg/s, submit_sm_resp p99 %.1f ms); %d queued, "
                            + "%.1f MB on disk%n", r.acknowledged(), r.submitted(), (accepted - start) / 1e9,
                    r.throughput(), r.p99Millis(), backlog, disk / 1e6);
            long peakDisk = disk;
            long deadline = accepted + Math.max(60, 3 * messages / Math.max(1, capacity)) * 1_000_000_000L;
            while (NoisyNeighbour.depth(admin, "bursty") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                peakDisk = Math.max(peakDisk, diskUsed(storage));
            }
            long drained = System.nanoTime();
            long left = NoisyNeighbour.depth(admin, "bursty");
            long carried = smsc.counters().submitsReceived();
            List<String> problems = new ArrayList<>();
            if (r.acknowledged() != messages) {
                problems.add((messages - r.acknowledged()) + " of the burst were not accepted");
            }
            if (left > 0 || carried < messages) {
                problems.add(left + " still queued and " + carried + " carried when the drain deadline passed");
            }
            return new ScenarioResult("burst", problems.isEmpty(), List.of(
                    figure("accepted", r.acknowledged() + "/" + messages),
                    figure("acceptance", String.format("%.0f msg/s", r.throughput())),
                    figure("submit-p99", String.format("%.1f ms", r.p99Millis())),
                    figure("carrier-cap", capacity + " msg/s"),
                    figure("queued-after-burst", backlog),
                    figure("drain", String.format("%.1f s", (drained - accepted) / 1e9)),
                    figure("carried", carried),
                    figure("peak-queue-files", String.format("%.1f MB", peakDisk / 1e6))), problems);
        }
    }

    /**
     * Bytes the queue files really occupy, as {@code du} counts allocated blocks: Chronicle preallocates its files
     * sparsely, so their lengths overstate it. Falls back to the lengths where there is no {@code du}.
     */
    private static long diskUsed(Path root) throws IOException {
        try {
            Process du = new ProcessBuilder("du", "-sk", root.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes()).trim();
            if (du.waitFor() == 0 && out.matches("\\d+\\s.*")) {
                return Long.parseLong(out.split("\\s")[0]) * 1024;
            }
        } catch (IOException e) {
            // no du here: count file lengths instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

}
