package io.edgegw.core.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Says when the storage volume is too full to take new work. Queues are memory-mapped files: a write that
 * meets a full disk can kill the process with SIGBUS, so new work is refused while there is still room.
 * The volume is looked at once a second on its own thread; the message path reads one volatile flag.
 */
public final class DiskGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskGuard.class);

    private final LongSupplier usableBytes;
    private final long minFreeBytes;
    private final String where;
    private ScheduledExecutorService timer;
    private volatile boolean full;
    private volatile long freeBytes;

    public DiskGuard(Path dir, long minFreeBytes) {
        this(() -> usableSpace(dir), minFreeBytes, dir.toAbsolutePath().toString());
    }

    DiskGuard(LongSupplier usableBytes, long minFreeBytes, String where) {
        this.usableBytes = usableBytes;
        this.minFreeBytes = minFreeBytes;
        this.where = where;
        check(); // decided before the first submit, not a second later
    }

    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edge-disk-guard");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::check, 1, 1, TimeUnit.SECONDS);
    }

    void check() {
        long free = usableBytes.getAsLong();
        freeBytes = free;
        boolean nowFull = free < minFreeBytes;
        if (nowFull != full) {
            full = nowFull;
            if (nowFull) {
                LOG.warn("storage {} has {} MB usable, under the {} MB floor: refusing new submits (ESME_RMSGQFUL) "
                        + "and deferring carrier receipts until space is freed", where, free >> 20, minFreeBytes >> 20);
            } else {
                LOG.info("storage {} has {} MB usable again: accepting work", where, free >> 20);
            }
        }
    }

    /** True while usable space is under the floor: take no new work. */
    public boolean isFull() {
        return full;
    }

    public long freeBytes() {
        return freeBytes;
    }

    private static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            // A volume that cannot be asked is treated as full: refusing is safe, writing blind is not.
            LOG.warn("cannot read usable space of {}: {}", dir, e.toString());
            return 0;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
