package io.edgegw.core.usage.export;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.queue.CommittedPosition;
import io.edgegw.core.queue.CycleFiles;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.thread.OwnThread;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One export of the usage journal ({@code <storage.dir>/usage}) to one {@link UsageSink}, on a thread of its own
 * ({@code edge-usage-<sink>}), never on a traffic thread: it reads the journal with a tailer of its own, hands each
 * event to the sink and commits its position, {@code <storage.dir>/usage-export/<sink>.position} (a checked
 * {@link CommittedPosition}), only up to what the sink reports durable. After a kill -9, a failure or a restart it
 * reads again from that position: an event may be exported twice (with the same id, {@link UsageJson#eventId}), never
 * skipped. A failing sink is retried forever, backing off from 1 s to 30 s; meanwhile the export only falls behind
 * ({@code edge_usage_export_lag_records}), it never holds anything else up.
 */
public final class UsageExport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageExport.class);
    /** Events per pass, so that the sink's timing (forcing, acks) is looked at often. */
    static final int BATCH = 1024;
    static final long IDLE_PARK_NANOS = 20_000_000L;
    private static final long LAG_EVERY_NANOS = 1_000_000_000L;
    private static final long BACKOFF_MIN_NANOS = 1_000_000_000L;
    private static final long BACKOFF_MAX_NANOS = 30_000_000_000L;

    private final UsageSink sink;
    private final ChronicleQueue journal;
    private final CommittedPosition position;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final OncePerMinute warnings = new OncePerMinute();
    private final Thread thread;
    private volatile boolean running = true;
    /** The event being exported, read from the journal's octets (the export thread's). */
    private final UsageJson event = new UsageJson();
    /** The journal index committed last (the export thread's). */
    private long committed;

    /** Opens the journal (it must exist: the usage journal made it) and the sink's position. */
    UsageExport(Path storageDir, RollCycle rollCycle, UsageSink sink, MeterRegistry registry) {
        this.sink = sink;
        Path dir = storageDir.resolve("usage-export");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        position = new CommittedPosition(dir.resolve(sink.name() + ".position"));
        if (position.found() == CommittedPosition.Found.DAMAGED) {
            LOG.warn("usage export {}: its position file is damaged; exporting the usage journal again from its start "
                    + "(consumers drop repeats by event id)", sink.name());
        }
        committed = position.get();
        journal = TenantQueues.open(storageDir.resolve("usage"), rollCycle);
        Gauge.builder("edge_usage_export_lag_records", lag, AtomicLong::get).tag("sink", sink.name())
                .description("usage journal documents (1 to 64 events each) not yet exported durably by this sink")
                .register(registry);
        FunctionCounter.builder("edge_usage_exported", sink, UsageSink::exported).tag("sink", sink.name())
                .description("usage events exported durably by this sink").register(registry);
        FunctionCounter.builder("edge_usage_export_failures", failures, AtomicLong::get).tag("sink", sink.name())
                .description("failed writes or publishes of this sink, each retried").register(registry);
        thread = new Thread(this::run, "edge-usage-" + sink.name());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        long backoff = BACKOFF_MIN_NANOS;
        long lagAt = System.nanoTime() - LAG_EVERY_NANOS;
        ExcerptTailer tailer = journal.createTailer();
        try {
            resume(tailer, committed);
            while (running) {
                int taken = 0;
                long before = committed;
                try {
                    String lost = sink.lost();
                    if (lost != null) {
                        throw new IOException(lost);
                    }
                    int events;
                    while (taken < BATCH && sink.ready() && (events = take(tailer)) >= 0) {
                        taken += Math.max(1, events);
                    }
                    sink.endOfPass(taken == 0);
                    commit(sink.durable());
                    if (committed != before) {
                        backoff = BACKOFF_MIN_NANOS; // it made progress: the next failure is a new one
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    if (warnings.allow("fail")) {
                        LOG.warn("usage export {}: {}; sending again from the last durable event in {} s (more not "
                                + "logged for a minute)", sink.name(), e.toString(), backoff / 1_000_000_000L);
                    }
                    commit(sink.durable());
                    backOff(backoff);
                    backoff = Math.min(backoff * 2, BACKOFF_MAX_NANOS);
                    if (!rewind(tailer)) {
                        continue;
                    }
                    taken = 1; // look again at once
                }
                long now = System.nanoTime();
                if (now - lagAt >= LAG_EVERY_NANOS) {
                    lagAt = now;
                    lag.set(behind(committed));
                }
                if (taken < BATCH) {
                    // caught up, or nearly: lets a pass's worth gather (one write per pass) rather than taking a
                    // few events a pass
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("usage export {} stopped: nothing more is exported until a restart", sink.name(), e);
        } finally {
            tailer.close();
        }
    }

    /** Waits {@code nanos} (less if closed), keeping the lag gauge up to date meanwhile. */
    private void backOff(long nanos) {
        long until = System.nanoTime() + nanos;
        long left;
        while (running && (left = until - System.nanoTime()) > 0) {
            lag.set(behind(committed));
            LockSupport.parkNanos(Math.min(left, LAG_EVERY_NANOS));
        }
    }

    /**
     * Reads one document and hands its events to the sink; how many (0 for an unreadable one), -1 when there is none
     * yet. A sink that fails has the whole document read again (an event may be sent twice, with its id).
     */
    private int take(ExcerptTailer tailer) throws Exception {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return -1;
            }
            long index = dc.index();
            int taken = 0;
            try {
                event.read(dc.wire().bytes());
            } catch (IllegalStateException e) {
                unreadable(index, 0, e);
                return 0;
            }
            while (next(index, taken)) {
                if (taken > 0 && !sink.ready()) {
                    // it failed meanwhile (a publish lost): the document is read again, its events sent again
                    dc.rollbackOnClose();
                    break;
                }
                try {
                    sink.take(index, event);
                } catch (Exception e) {
                    dc.rollbackOnClose();
                    throw e;
                }
                taken++;
            }
            return taken;
        }
    }

    /** Reads the document's next event; false at its end, or when the rest of it is unreadable (logged). */
    private boolean next(long index, int taken) {
        try {
            return event.next();
        } catch (IllegalStateException e) {
            unreadable(index, taken, e);
            return false;
        }
    }

    /** A kind this build does not know, or damage: skipped here as the usage journal's reader skips it. */
    private void unreadable(long index, int taken, IllegalStateException e) {
        if (warnings.allow("unreadable")) {
            LOG.warn("usage export {}: usage journal document {} unreadable after {} events, the rest not exported "
                    + "(more not logged for a minute): {}", sink.name(), Long.toHexString(index), taken, e.toString());
        }
    }

    /** Forgets what the sink had in flight and reads again after the committed position; false if that failed. */
    private boolean rewind(ExcerptTailer tailer) {
        try {
            sink.reset(committed);
            resume(tailer, committed);
            return true;
        } catch (Exception e) {
            failures.incrementAndGet();
            if (warnings.allow("reset")) {
                LOG.warn("usage export {}: could not start over ({}), trying again", sink.name(), e.toString());
            }
            return false;
        }
    }

    private void commit(long durable) {
        if (durable > committed) {
            position.set(durable);
            committed = durable;
        }
    }

    /** Puts the tailer right after {@code last} (0: at the journal's start). */
    private void resume(ExcerptTailer tailer, long last) {
        if (last == 0) {
            tailer.toStart();
            return;
        }
        if (!tailer.moveToIndex(last)) {
            LOG.warn("usage export {}: journal index {} (exported last) is not in the usage journal; exporting it "
                    + "again from its start (consumers drop repeats by event id)", sink.name(), Long.toHexString(last));
            tailer.toStart();
            return;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (dc.isPresent() && dc.index() != last) {
                dc.rollbackOnClose(); // not the one exported last: read it as the next
            }
        }
    }

    /** Events in the journal after {@code last}; -1 when Chronicle cannot count them. */
    private long behind(long last) {
        return CycleFiles.excerptsAfter(journal, last);
    }


    /** Stops the thread (after the pass it is in), lets the sink finish what it can, closes the journal. */
    @Override
    public void close() {
        running = false;
        OwnThread.wakeAndJoin(thread, 15_000);
        sink.close();
        if (!thread.isAlive()) {
            commit(sink.durable());
        }
        position.force();
        position.close();
        journal.close();
    }
}
