package io.edgegw.core.queue;

import io.edgegw.core.queue.CycleFiles.CycleFile;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Deletes queue files nobody needs any more and measures what the queues take on disk, once a second on its own
 * thread ({@code edge-housekeeping}), away from the journal and the dispatcher.
 * <ul>
 * <li>A tenant queue's cycle file goes once its cycle is strictly older than the cycle of the queue's committed
 * position: every message in it, and before it, is complete. The file holding the committed position and all later
 * ones stay; with nothing committed nothing goes. A dead-letter queue's committed position is the last letter an
 * operator replayed or purged; a scheduled queue's, the last record moved with all before it (a record waiting for
 * its due time holds it, so its file and every later one stay).</li>
 * <li>A correlations cycle file goes once the whole cycle is older than the retention.</li>
 * <li>With {@code storage.sync: batch}, committed positions that moved are forced to the device.</li>
 * </ul>
 * <p>
 * Chronicle is then told to list its directory again, so tailers and later restarts start from the first file
 * left. On Linux a file still mapped by a Chronicle store can be deleted; its space returns when Chronicle unmaps it.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final long WARN_EVERY_MILLIS = 60_000;

    /** One tenant queue: its files, its committed position as the dispatcher last wrote it, its size on disk. */
    private static final class Consumed {
        final String owner;
        final CycleFiles files;
        final CommittedPosition committed;
        /** another reader's oldest needed index (0: everything), or null when only the committed position counts */
        LongSupplier heldFrom;
        volatile long diskBytes;
        /** the position as last forced to the device (storage.sync: batch) */
        long forced;

        Consumed(String tenantId, String name, ChronicleQueue queue, Path positionFile) {
            this.owner = "tenant " + tenantId + " " + name;
            this.files = new CycleFiles(queue);
            this.committed = new CommittedPosition(positionFile);
        }
    }

    private final Consumed[] inbound;
    private final Consumed[] outbound;
    private final Consumed[] deadLetters;
    private final Consumed[] scheduled;
    /** With outbound streams, each tenant's relayed queue; null entries without. */
    private final Consumed[] relayed;
    private final CycleFiles correlations;
    private final long correlationRetentionMillis;
    private volatile LongSupplier correlationsHeldFrom;
    private volatile long correlationDiskBytes;
    private volatile long filesDeleted;
    private long lastWarn = Long.MIN_VALUE / 2;
    private ScheduledExecutorService timer;
    private final boolean forcePositions;

    /** @param tenants in index order, as {@link TenantQueues#index()} */
    public Housekeeping(List<TenantQueues> tenants, ChronicleQueue correlations, long correlationRetentionMillis) {
        this(tenants, correlations, correlationRetentionMillis, false);
    }

    /**
     * @param forcePositions {@code storage.sync: batch}: each pass also forces every committed position that moved
     *                       since the last pass to the device
     */
    public Housekeeping(List<TenantQueues> tenants, ChronicleQueue correlations, long correlationRetentionMillis,
                        boolean forcePositions) {
        this.forcePositions = forcePositions;
        inbound = new Consumed[tenants.size()];
        outbound = new Consumed[tenants.size()];
        deadLetters = new Consumed[tenants.size()];
        scheduled = new Consumed[tenants.size()];
        relayed = new Consumed[tenants.size()];
        for (TenantQueues t : tenants) {
            scheduled[t.index()] = new Consumed(t.tenantId(), "scheduled", t.scheduled(), t.scheduledPositionFile());
            inbound[t.index()] = new Consumed(t.tenantId(), "inbound", t.inbound(), t.inboundPositionFile());
            outbound[t.index()] = new Consumed(t.tenantId(), "outbound", t.outbound(), t.outboundPositionFile());
            if (t.relayed() != null) {
                relayed[t.index()] = new Consumed(t.tenantId(), "relayed", t.relayed(), t.relayedPositionFile());
            }
            deadLetters[t.index()] = new Consumed(t.tenantId(), "dead letters", t.deadLetters().queue(),
                    t.deadLetters().positionFile());
        }
        this.correlations = new CycleFiles(correlations);
        this.correlationRetentionMillis = correlationRetentionMillis;
    }

    /**
     * Keeps a tenant's inbound files for another reader too (the usage journal): a file goes only once its cycle is
     * older than both the committed position's and that of {@code heldFrom}'s index; 0 from it keeps every file.
     * Set before {@link #start()} or the first {@link #runOnce()}.
     */
    public void holdInbound(int tenantIndex, LongSupplier heldFrom) {
        inbound[tenantIndex].heldFrom = heldFrom;
    }

    /** As {@link #holdInbound}, for the tenant's outbound queue (the usage reader's FINAL events). */
    public void holdOutbound(int tenantIndex, LongSupplier heldFrom) {
        outbound[tenantIndex].heldFrom = heldFrom;
    }

    /**
     * Keeps the correlations files from the cycle of {@code heldFrom}'s index on (the usage reader's ROUTED events),
     * even past the retention; 0 from it keeps every file.
     */
    public void holdCorrelations(LongSupplier heldFrom) {
        correlationsHeldFrom = heldFrom;
    }

    /** As {@link #holdInbound}, for the tenant's scheduled queue (the usage reader reads it too). */
    public void holdScheduled(int tenantIndex, LongSupplier heldFrom) {
        scheduled[tenantIndex].heldFrom = heldFrom;
    }

    /** Runs {@link #runOnce()} every second from now on. */
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-housekeeping");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runOnce, 1, 1, TimeUnit.SECONDS);
    }

    /** One pass over every queue. Never throws: a queue that cannot be cleaned is logged and skipped. */
    public void runOnce() {
        for (int i = 0; i < inbound.length; i++) {
            consumed(inbound[i]);
            consumed(outbound[i]);
            consumed(deadLetters[i]);
            consumed(scheduled[i]);
            if (relayed[i] != null) {
                consumed(relayed[i]);
            }
        }
        try {
            ChronicleQueue q = correlations.queue();
            int keepFrom = correlations.cycleAt(q.time().currentTimeMillis() - correlationRetentionMillis);
            LongSupplier held = correlationsHeldFrom;
            if (held != null) {
                long index = held.getAsLong();
                keepFrom = Math.min(keepFrom, index == 0 ? Integer.MIN_VALUE : q.rollCycle().toCycle(index));
            }
            correlationDiskBytes = deleteOlderThan(correlations, correlations.list(), keepFrom, "correlations",
                    "all of it older than the correlation retention");
        } catch (RuntimeException e) {
            warn("correlations", e);
        }
    }

    private void consumed(Consumed c) {
        try {
            long committed = c.committed.get();
            List<CycleFile> files = c.files.list();
            int committedCycle = committed == 0 ? Integer.MIN_VALUE : c.files.queue().rollCycle().toCycle(committed);
            // only when the committed message's own file is there: a position left over from a queue directory
            // since removed or replaced must not judge today's files
            boolean known = files.stream().anyMatch(f -> f.cycle() == committedCycle);
            int keepFrom = known ? committedCycle : Integer.MIN_VALUE;
            if (c.heldFrom != null) {
                long held = c.heldFrom.getAsLong();
                keepFrom = Math.min(keepFrom, held == 0 ? Integer.MIN_VALUE : c.files.queue().rollCycle().toCycle(held));
            }
            c.diskBytes = deleteOlderThan(c.files, files, keepFrom, c.owner,
                    c.heldFrom == null ? "every message in it is complete"
                    : "every message in it is complete and has its usage event");
            if (forcePositions && committed != c.forced) {
                // a position as old as a second (more if a force is slow) can come back after a power cut: the
                // messages completed since are sent again, none is lost (see CONFIGURATION.md, storage.sync)
                c.committed.force();
                c.forced = committed;
            }
        } catch (RuntimeException e) {
            warn(c.owner, e);
        }
    }

    /** Deletes the files of cycles before {@code cycle}; returns the bytes of those left. */
    private long deleteOlderThan(CycleFiles files, List<CycleFile> listed, int cycle, String owner, String why) {
        long left = 0;
        int deleted = 0;
        for (CycleFile f : listed) {
            if (f.cycle() >= cycle) {
                left += f.bytes();
                continue;
            }
            try {
                Files.deleteIfExists(f.path());
                deleted++;
                LOG.info("deleted {} of {} ({} MB): {}", f.path().getFileName(), owner, f.bytes() >> 20, why);
            } catch (IOException e) {
                left += f.bytes();
                warn(f.path().toString(), e);
            }
        }
        if (deleted > 0) {
            filesDeleted += deleted; // this thread is the only writer
            files.queue().refreshDirectoryListing();
        }
        return left;
    }

    private void warn(String what, Exception e) {
        long now = System.currentTimeMillis();
        if (now - lastWarn >= WARN_EVERY_MILLIS) {
            lastWarn = now;
            LOG.warn("housekeeping could not clean {} (further failures not logged for a minute): {}", what,
                    e.toString());
        }
    }

    /** Apparent size of the tenant's inbound cycle files as of the last pass. */
    public long inboundDiskBytes(int tenantIndex) {
        return inbound[tenantIndex].diskBytes;
    }

    public long outboundDiskBytes(int tenantIndex) {
        return outbound[tenantIndex].diskBytes;
    }

    public long scheduledDiskBytes(int tenantIndex) {
        return scheduled[tenantIndex].diskBytes;
    }

    public long deadLetterDiskBytes(int tenantIndex) {
        return deadLetters[tenantIndex].diskBytes;
    }

    public long correlationDiskBytes() {
        return correlationDiskBytes;
    }

    /** Cycle files deleted since start, every queue together. */
    public long filesDeleted() {
        return filesDeleted;
    }

    /** Stops the timer and waits for a pass under way, so the queues can be closed after this returns. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = 0; i < inbound.length; i++) {
            inbound[i].committed.close();
            outbound[i].committed.close();
            deadLetters[i].committed.close();
            scheduled[i].committed.close();
            if (relayed[i] != null) {
                relayed[i].committed.close();
            }
        }
    }
}
