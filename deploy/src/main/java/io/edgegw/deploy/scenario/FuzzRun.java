package io.edgegw.deploy.scenario;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.jsmpp.SMPPConstant;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One fuzz campaign, in its phases: the gateway as its own process (heap capped) with the simulator as its carrier;
 * the good tenant bound and its live heap measured after a full GC; then the good tenant's steady submits while
 * {@link FuzzPeers} send their PDUs and flood; then the good tenant's last receipts, a fresh bind, the live heap
 * again, the gateway's own error counter and its log.
 */
final class FuzzRun {
    private static final String GOOD = "good";
    private static final long BIND_TIMEOUT_SECONDS = 60;
    /** The good tenant's submits go unanswered this long while it has some outstanding: a stalled session. */
    static final long STALL_SECONDS = 20;

    /** What the command line chose. */
    record Settings(long pdus, int connections, long seed, int nonReaders, int stallers, int goodRate,
                    int goodMessages, int heapMegabytes, long timeoutSeconds) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final TenantLedger good;
    private final CarrierLedger carrier;
    private final SubmitSchedule schedule;
    private final long began = System.nanoTime();

    FuzzRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.good = new TenantLedger(settings.goodMessages(), Long.MAX_VALUE);
        this.carrier = new CarrierLedger(settings.goodMessages());
        this.schedule = new SubmitSchedule(settings.goodMessages(), settings.goodRate());
    }

    FuzzReport run(Path work) throws IOException, InterruptedException {
        SmscConfig smscConfig = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge")
                .withTiming(0, 20);
        FuzzReport.Builder report = new FuzzReport.Builder(settings);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(smscConfig, carrier);
             ScenarioTenant goodBinds = new ScenarioTenant(GOOD, "good-pw", 2, 50, schedule, good)) {
            int port = freePort();
            int admin = freePort();
            Path config = writeConfig(work, port, admin, smsc.port());
            Path log = work.resolve("gateway.log");
            try (GatewayProcess gateway = GatewayProcess.start(config, log,
                    List.of("-Xmx" + settings.heapMegabytes() + "m", "-DEDGE_LOG_FORMAT=text"))) { // the scan reads text
                GatewayWatch watch = new GatewayWatch(gateway.pid(), admin, log);
                out.printf("fuzz: gateway pid %d (-Xmx%dm) on 127.0.0.1:%d, carrier on %d, log %s; seed %d%n",
                        gateway.pid(), settings.heapMegabytes(), port, smsc.port(), log, settings.seed());
                bind(goodBinds, gateway, port);
                report.liveHeapBefore(watch.liveHeap());
                campaign(gateway, watch, goodBinds, port, report);
                report.gatewayAlive(gateway.isAlive());
                if (gateway.isAlive()) {
                    report.freshBind(freshBind(port));
                    report.liveHeapAfter(watch.liveHeap());
                    report.rssPeakKilobytes(watch.procKilobytes("VmHWM"));
                    report.counters(watch.scrape());
                    goodBinds.unbind();
                    gateway.stop();
                } else {
                    out.println("fuzz: the gateway died; log " + log + ":\n" + gateway.logTail(30));
                }
                report.log(watch.scanLog());
            }
        }
        return report.tenant(good, carrier).elapsedMillis(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began))
                .build();
    }

    private void campaign(GatewayProcess gateway, GatewayWatch watch, ScenarioTenant goodBinds, int port,
                          FuzzReport.Builder report) throws InterruptedException {
        FuzzPeers.Credentials credentials = new FuzzPeers.Credentials("fuzzer", "fuzz-pw", "flood", "flood-pw",
                "decoy");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
        try (LoopbackPeers peers = new LoopbackPeers(port)) {
            FuzzPeers fuzz = new FuzzPeers(peers, settings.pdus(), settings.connections(), settings.seed(),
                    credentials);
            FloodPeers flood = new FloodPeers(peers, credentials, settings.seed());
            goodBinds.startSubmitting();
            flood.start(settings.nonReaders(), settings.stallers());
            fuzz.start();
            Progress progress = new Progress();
            waitFor(() -> fuzz.done() || !gateway.isAlive() || progress.stalled, deadline, () -> {
                progress.sample(watch, goodBinds, report);
                out.printf("fuzz: t=%ds pdus=%d connections=%d answers=%d heap=%d MB good: acknowledged=%d "
                                + "receipts=%d outstanding=%d%n", seconds(), fuzz.sent(), peers.opened(),
                        peers.answers(), progress.heap / (1 << 20), good.acknowledged(), good.receiptsReceived(),
                        goodBinds.outstanding());
            });
            flood.stop();
            schedule.stop();
            if (!fuzz.done() && gateway.isAlive() && !progress.stalled) {
                out.println("fuzz: the campaign did not end within --timeout-s");
            }
            report.fuzz(fuzz.sent(), peers.opened(), peers.answers(), peers.badAnswers(), fuzz.refusedBinds(),
                    flood.pdus(), peers.evidence(), fuzz.done());
            // the good tenant's last messages: every one acknowledged must reach the carrier and come back receipted
            long drain = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            waitFor(() -> !gateway.isAlive() || progress.stalled || (goodBinds.outstanding() == 0
                    && good.notYetAt(carrier) == 0 && good.receiptsDue() == 0), drain,
                    () -> progress.sample(watch, goodBinds, report));
            report.stalled(progress.stalled);
        }
    }

    /** What the campaign watches each second: the heap, and whether the good tenant's answers keep coming. */
    private final class Progress {
        long heap;
        long lastAnswered = -1;
        long lastMovedNanos = System.nanoTime();
        boolean stalled;

        void sample(GatewayWatch watch, ScenarioTenant goodBinds, FuzzReport.Builder report) {
            heap = Math.max(0, watch.heapUsed());
            report.heapSample(heap);
            report.rssSample(watch.procKilobytes("VmRSS"));
            long answered = good.acknowledged() + good.refused() + good.unanswered();
            long now = System.nanoTime();
            if (answered != lastAnswered || goodBinds.outstanding() == 0) {
                lastAnswered = answered;
                lastMovedNanos = now;
            } else if (now - lastMovedNanos > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                stalled = true;
                out.printf("fuzz: the good tenant's %d outstanding submits went unanswered for %d s%n",
                        goodBinds.outstanding(), STALL_SECONDS);
            }
        }
    }

    private void bind(ScenarioTenant binds, GatewayProcess gateway, int port) throws InterruptedException {
        try {
            binds.bind(port, System.nanoTime() + TimeUnit.SECONDS.toNanos(BIND_TIMEOUT_SECONDS), gateway::isAlive);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; gateway log " + gateway.log() + ":\n"
                    + gateway.logTail(20), e);
        }
    }

    /** A new connection binds as the good tenant and answers enquire_link: nothing was left wedged. */
    private static boolean freshBind(int port) {
        FuzzPdus pdus = new FuzzPdus(0, 65_536);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            socket.getOutputStream().write(pdus.bind(SMPPConstant.CID_BIND_TRANSMITTER, GOOD, "good-pw"));
            int[] bound = readHeader(in);
            socket.getOutputStream().write(pdus.enquireLink());
            int[] link = readHeader(in);
            return bound[0] == SMPPConstant.CID_BIND_TRANSMITTER_RESP && bound[1] == SMPPConstant.STAT_ESME_ROK
                    && link[0] == SMPPConstant.CID_ENQUIRE_LINK_RESP;
        } catch (IOException e) {
            return false;
        }
    }

    private static int[] readHeader(DataInputStream in) throws IOException {
        int length = in.readInt();
        int[] header = {in.readInt(), in.readInt()};
        in.skipNBytes(length - 12L);
        return header;
    }

    /** Checks {@code done} every 100 ms until {@code deadline}, running {@code everySecond} once a second. */
    private static void waitFor(BooleanSupplier done, long deadline, Runnable everySecond) throws InterruptedException {
        long next = System.nanoTime();
        while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
            if (System.nanoTime() - next >= 0) {
                next += 1_000_000_000L;
                everySecond.run();
            }
            Thread.sleep(100);
        }
    }

    private long seconds() {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The gateway's YAML with production defaults for everything a hostile peer meets (connection caps, bind guard,
     * timeouts, PDU bound): the good tenant, the fuzzer (many binds; its valid submits throttled past 500/s so the
     * campaign is not a load test), the flood's tenant, and a decoy whose password the bad binds guess.
     */
    private static Path writeConfig(Path work, int port, int admin, int carrierPort) throws IOException {
        Path config = work.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: %d }
                admin: { host: 127.0.0.1, port: %d }
                storage: { dir: '%s' }
                tenants:
                  - { id: good, systemId: good, password: good-pw, window: 100 }
                  - { id: fuzzer, systemId: fuzzer, password: fuzz-pw, maxBinds: 1000, submitsPerSecond: 500 }
                  - { id: flood, systemId: flood, password: flood-pw, maxBinds: 1000 }
                  - { id: decoy, systemId: decoy, password: decoy-pw }
                carriers:
                  - { id: carrier, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [carrier] }
                """.formatted(port, admin, work.resolve("queues"), carrierPort));
        return config;
    }
}
