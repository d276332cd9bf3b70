package io.edgegw.simulator.load;

import io.edgegw.smpp.codec.SmppCodec;
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
    private Histogram interval;

    /** {@code progress} receives one line a second when {@link LoadConfig#progressEverySecond()} is set. */
    public LoadGenerator(LoadConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
        this.ledger = new ReceiptLedger(config.messages());
        this.pacer = new SubmitPacer(config.messages(), config.targetRate(), config.durationSeconds());
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

        long lastProgress = start;
        long lastAcked = 0;
        while (System.nanoTime() - deadline < 0
                && !(pacer.exhausted(System.nanoTime()) && stats.finished.sum() >= pacer.issued())) {
            Thread.sleep(POLL_MILLIS);
            if (config.progressEverySecond() && System.nanoTime() - lastProgress >= 1_000_000_000L) {
                lastAcked = printProgress(start, lastAcked);
                lastProgress = System.nanoTime();
            }
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
                if (config.progressEverySecond() && System.nanoTime() - lastProgress >= 1_000_000_000L) {
                    lastAcked = printProgress(start, lastAcked);
                    lastProgress = System.nanoTime();
                }
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
                            SmppCodec.install(ch.pipeline(), SmppCodec.DEFAULT_MAX_PDU_BYTES);
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

    private long printProgress(long start, long lastAcked) {
        drainLatency();
        long acked = stats.acknowledged.sum();
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        double p99 = interval == null || interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0;
        progress.printf("t=%ds submitted=%d acked=%d rate=%d/s receipts=%d p99=%.2fms%n", seconds,
                stats.submitted.sum(), acked, acked - lastAcked, ledger.matched(), p99);
        return acked;
    }

    private void drainLatency() {
        interval = stats.latencyMicros.getIntervalHistogram(interval);
        latency.add(interval);
    }

    private LoadReport report(long start, long submitEnd, long lastMatchNanos) {
        drainLatency();
        long now = System.nanoTime();
        double submitSeconds = Math.max(1e-9, (submitEnd - start) / 1e9);
        double e2eSeconds = Math.max(1e-9, (lastMatchNanos - start) / 1e9);
        long acked = stats.acknowledged.sum();
        long matched = ledger.matched();
        Histogram receipts = ledger.receiptLatencyMicros.getIntervalHistogram();
        return new LoadReport(stats.submitted.sum(), acked, stats.rejectedByStatus(), stats.throttled.sum(),
                stats.resubmitted.sum(), stats.timedOut.sum(), config.registeredDelivery(),
                stats.receiptsReceived.sum(), matched, ledger.unmatched(), ledger.duplicates(), stats.receiptsByStat(),
                Duration.ofNanos(now - start), acked / submitSeconds, matched / e2eSeconds,
                millis(latency.getValueAtPercentile(50)), millis(latency.getValueAtPercentile(99)),
                millis(latency.getValueAtPercentile(99.9)), millis(latency.getMaxValue()),
                millis(receipts.getValueAtPercentile(50)), millis(receipts.getValueAtPercentile(99)),
                millis(receipts.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
