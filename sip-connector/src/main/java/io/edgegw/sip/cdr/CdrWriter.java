package io.edgegw.sip.cdr;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends call detail records to {@code <dir>/calls-YYYY-MM-DD.jsonl} on one thread of its own: the SIP threads only
 * offer a record to a bounded queue and never touch a file. Each batch taken from the queue is written at once and
 * the file forced to disk at most {@link #FORCE_EVERY_MILLIS} after a write, so a crash of the machine (or kill -9)
 * may lose up to about the last second of records; a normal close forces everything. A full queue drops the record
 * (counted, logged) rather than block a SIP thread.
 */
public final class CdrWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdrWriter.class);
    static final long FORCE_EVERY_MILLIS = 500;
    private static final int QUEUE = 65_536;
    private static final int BATCH = 1024;

    private final Path dir;
    private final BlockingQueue<CallRecord> queue = new ArrayBlockingQueue<>(QUEUE);
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    private FileChannel file;
    private String fileDay;
    private boolean dirty;
    private long lastForceNanos = System.nanoTime();
    private long lastDropLogNanos;

    public CdrWriter(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        thread = new Thread(this::run, "sip-cdr");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a record; never blocks. */
    public void add(CallRecord record) {
        if (!queue.offer(record)) {
            long n = dropped.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastDropLogNanos > TimeUnit.MINUTES.toNanos(1)) {
                lastDropLogNanos = now;
                LOG.error("CDR queue full ({} records): {} records dropped so far; is the disk slow?", QUEUE, n);
            }
        }
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<CallRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                CallRecord first = queue.poll(FORCE_EVERY_MILLIS / 2, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    batch.clear();
                }
                if (dirty && (first == null || System.nanoTime() - lastForceNanos >= FORCE_EVERY_MILLIS * 1_000_000)) {
                    force();
                }
                if (closing && queue.isEmpty()) {
                    break;
                }
            } catch (InterruptedException e) {
                closing = true;
            } catch (IOException | RuntimeException e) {
                LOG.error("CDRs not written: {}", e.toString());
                batch.clear();
            }
        }
        try {
            force();
            if (file != null) {
                file.close();
            }
        } catch (IOException e) {
            LOG.error("CDR file not closed cleanly: {}", e.toString());
        }
    }

    private void write(List<CallRecord> batch) throws IOException {
        for (CallRecord r : batch) {
            String day = r.setup().substring(0, 10);
            if (!day.equals(fileDay)) {
                force();
                if (file != null) {
                    file.close();
                }
                file = FileChannel.open(dir.resolve("calls-" + day + ".jsonl"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                fileDay = day;
            }
            ByteBuffer line = ByteBuffer.wrap((json.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                file.write(line);
            }
            dirty = true;
        }
    }

    private void force() throws IOException {
        if (dirty && file != null) {
            file.force(false);
        }
        dirty = false;
        lastForceNanos = System.nanoTime();
    }

    /** Writes and forces what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
