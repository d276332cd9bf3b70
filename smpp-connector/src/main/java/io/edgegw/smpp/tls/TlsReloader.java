package io.edgegw.smpp.tls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at every SMPP TLS side's files every few seconds on a thread of its own (file system calls never run on an
 * event loop), so renewed certificates are taken without a restart. Counts each reading in
 * {@code edge_smpp_tls_reloads_total}.
 */
public final class TlsReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsReloader.class);

    private final List<TlsFiles> sides;
    private final int periodSeconds;
    private final Counter reloaded;
    private final Counter failed;
    private ScheduledExecutorService thread;

    /** The counters exist, at 0, whether or not TLS is configured: a dashboard needs no special case. */
    public TlsReloader(List<TlsFiles> sides, int periodSeconds, MeterRegistry meters) {
        this.sides = List.copyOf(sides);
        this.periodSeconds = periodSeconds;
        this.reloaded = counter(meters, "ok");
        this.failed = counter(meters, "failed");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("edge_smpp_tls_reloads").tag("outcome", outcome)
                .description("SMPP TLS files read again after they changed").register(meters);
    }

    public void start() {
        if (periodSeconds > 0 && !sides.isEmpty()) {
            thread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("smpp-tls-reload", true));
            thread.scheduleWithFixedDelay(this::checkAll, periodSeconds, periodSeconds, TimeUnit.SECONDS);
        }
    }

    /** One look at every side's files. */
    void checkAll() {
        for (TlsFiles side : sides) {
            try {
                switch (side.checkForChanges()) {
                    case RELOADED -> reloaded.increment();
                    case FAILED -> failed.increment();
                    case UNCHANGED -> { }
                }
            } catch (RuntimeException e) {
                // a bug of ours must not end the checks of the other sides, or the next ones
                failed.increment();
                log.error("{}: checking the TLS files failed: {}", side, e.toString());
            }
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
