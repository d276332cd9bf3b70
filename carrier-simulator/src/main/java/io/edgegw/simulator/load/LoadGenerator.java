package io.edgegw.simulator.load;

import io.edgegw.simulator.wire.SmppFraming;
import io.edgegw.simulator.wire.SmppWire;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays a tenant against any SMPP 3.4 server: binds {@link LoadConfig#sessions()} transceivers, submits the
 * configured load, collects receipts, unbinds, and reports. The I/O runs on Netty event loops; the calling
 * thread only waits and prints progress.
 */
public final class LoadGenerator {
    private static final long POLL_MILLIS = 50;
    private static final long BIND_TIMEOUT_SECONDS = 10;
    private static final long UNBIND_TIMEOUT_SECONDS = 3;

    private final LoadConfig config;
    private final PrintStream progress;
    private final LoadStats stats = new LoadStats();
    private final ReceiptLedger ledger;
    private final SubmitPacer pacer;
    private final Histogram latency = new Histogram(3);
    /** Reused every second: the Recorder swaps it in and out, so the series costs nothing per message. */
    private Histogram interval;
    private final List<LoadSecond> seconds = new ArrayList<>();
    private long sampledNanos;
    private long sampledAcked;
    private long sampledReceipts;
    private long sampledThrottled;
    private long sampledRejected;

    /** {@code progress} receives one line a second when {@link LoadConfig#progressEverySecond()} is set. */
    public LoadGenerator(LoadConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
        this.ledger = new ReceiptLedger(config.messages());
        this.pacer = new SubmitPacer(new MessagePlan(config.textMix(), config.messages()), config.targetRate(),
                config.durationSeconds());
    }

    /** Runs the whole load and returns its report; throws if any bind is refused (nothing is sent then). */
    public LoadReport run() throws BindRefusedException, InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup(
                Math.min(config.sessions(), Math.max(1, Runtime.getRuntime().availableProcessors())));
        try {
            return run(group);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    private LoadReport run(EventLoopGroup group) throws BindRefusedException, InterruptedException {
        long runStart = System.nanoTime();
        long deadline = runStart + TimeUnit.SECONDS.toNanos(config.timeoutSeconds());
        List<LoadSession> sessions = connectAndBind(group);
        // The pacer's clock starts once every bind is up, so slow binds do not turn into a burst.
        long start = System.nanoTime();
        pacer.start(start);
        sessions.forEach(LoadSession::start);

        sampledNanos = start;
        while (System.nanoTime() - deadline < 0
                && !(pacer.exhausted(System.nanoTime()) && stats.finished.sum() >= pacer.issued())) {
            Thread.sleep(POLL_MILLIS);
            sampleEverySecond(start);
        }
        long submitEnd = System.nanoTime();
        long lastMatchNanos = submitEnd;
        if (config.registeredDelivery()) {
            long receiptDeadline = Math.min(deadline, submitEnd + TimeUnit.SECONDS.toNanos(config.receiptTimeoutSeconds()));
            long matched = ledger.matched();
            while (matched < stats.acknowledged.sum() && System.nanoTime() - receiptDeadline < 0) {
                Thread.sleep(POLL_MILLIS);
                long now = ledger.matched();
                if (now != matched) {
                    lastMatchNanos = System.nanoTime();
                    matched = now;
                }
                sampleEverySecond(start);
            }
        }
        unbindAll(sessions);
        return report(start, submitEnd, lastMatchNanos);
    }

    private List<LoadSession> connectAndBind(EventLoopGroup group)
            throws BindRefusedException, InterruptedException {
        List<LoadSession> sessions = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < config.sessions(); i++) {
            LoadSession session = new LoadSession(config, stats, ledger, pacer);
            ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(BIND_TIMEOUT_SECONDS))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SmppWire.install(ch.pipeline(), SmppFraming.DEFAULT_MAX_PDU_BYTES);
                            ch.pipeline().addLast("session", session);
                        }
                    }).connect(config.host(), config.port()).await();
            if (!connect.isSuccess()) {
                channels.forEach(Channel::close);
                throw new BindRefusedException(config.systemId(), -1,
                        "cannot connect to " + config.host() + ":" + config.port() + ": " + connect.cause());
            }
            sessions.add(session);
            channels.add(connect.channel());
        }
        for (LoadSession session : sessions) {
            int status;
            try {
                status = session.bound.get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                status = -1;
            }
            if (status != 0) {
                channels.forEach(Channel::close);
                throw new BindRefusedException(config.systemId(), status,
                        status == -1 ? "(no bind_resp within " + BIND_TIMEOUT_SECONDS + " s or connection closed)" : null);
            }
        }
        return sessions;
    }

    private void unbindAll(List<LoadSession> sessions) throws InterruptedException {
        sessions.forEach(LoadSession::unbind);
        CompletableFuture<?> all = CompletableFuture.allOf(sessions.stream().map(s -> s.closed).toArray(CompletableFuture[]::new));
        try {
            all.get(UNBIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // The peer did not answer unbind in time; the event loop group shutdown closes the sockets anyway.
        }
    }

    private void sampleEverySecond(long start) {
        if (System.nanoTime() - sampledNanos >= 1_000_000_000L) {
            LoadSecond second = sample(start);
            if (config.progressEverySecond()) {
                progress.printf("t=%ds submitted=%d acked=%d rate=%.0f/s receipts=%d p99=%.2fms%n",
                        Math.round(second.endSeconds()), stats.submitted.sum(), sampledAcked,
                        second.acknowledgedPerSecond(), sampledReceipts, second.hasLatency() ? second.p99Millis() : 0.0);
            }
        }
    }

    /** Closes the interval since the last sample: one row of the series, its latency folded into the whole run's. */
    private LoadSecond sample(long start) {
        long now = System.nanoTime();
        interval = stats.latencyMicros.getIntervalHistogram(interval);
        latency.add(interval);
        long acked = stats.acknowledged.sum();
        long receipts = ledger.matched();
        long throttled = stats.throttled.sum();
        long rejected = stats.rejectedTotal.sum();
        boolean answered = interval.getTotalCount() > 0;
        LoadSecond second = new LoadSecond((now - start) / 1e9, Math.max(1e-9, (now - sampledNanos) / 1e9),
                acked - sampledAcked, receipts - sampledReceipts,
                answered ? millis(interval.getValueAtPercentile(50)) : Double.NaN,
                answered ? millis(interval.getValueAtPercentile(99)) : Double.NaN,
                throttled - sampledThrottled, rejected - sampledRejected);
        seconds.add(second);
        sampledNanos = now;
        sampledAcked = acked;
        sampledReceipts = receipts;
        sampledThrottled = throttled;
        sampledRejected = rejected;
        return second;
    }

    private LoadReport report(long start, long submitEnd, long lastMatchNanos) {
        sample(start); // the last, shorter interval; it also drains what the histogram holds
        long now = System.nanoTime();
        double submitSeconds = Math.max(1e-9, (submitEnd - start) / 1e9);
        double e2eSeconds = Math.max(1e-9, (lastMatchNanos - start) / 1e9);
        long acked = sampledAcked; // the same reads as the series, so the two always add up
        long matched = sampledReceipts;
        Histogram receipts = ledger.receiptLatencyMicros.getIntervalHistogram();
        return new LoadReport(stats.submitted.sum(), acked, stats.rejectedByStatus(), stats.throttled.sum(),
                stats.resubmitted.sum(), stats.timedOut.sum(), config.registeredDelivery(),
                stats.receiptsReceived.sum(), matched, ledger.unmatched(), ledger.duplicates(), stats.receiptsByStat(),
                Duration.ofNanos(now - start), acked / submitSeconds, matched / e2eSeconds,
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(99)),
                millis(latency.getValueAtPercentile(99.9)), millis(latency.getMaxValue()),
                millis(receipts.getValueAtPercentile(50)), millis(receipts.getValueAtPercentile(99)),
                millis(receipts.getMaxValue()), seconds,
                config.textMix().shortOnly() ? "" : config.textMix().describe(), stats.sentByKind());
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
