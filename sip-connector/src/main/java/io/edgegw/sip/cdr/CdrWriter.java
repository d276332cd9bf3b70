package io.edgegw.sip.cdr;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.spi.CallUsage;
import io.netty.util.internal.PlatformDependent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Appends call detail records to {@code <dir>/calls-YYYY-MM-DD.jsonl} on one thread of its own: the SIP threads only
 * offer a record to a bounded queue and never touch a file. Each batch taken from the queue is written at once and
 * the file forced to disk at most {@link #FORCE_EVERY_MILLIS} after a write, so a crash of the machine (or kill -9)
 * may lose up to about the last second of records; a normal close forces everything. A full queue drops the record
 * (counted, logged) rather than block a SIP thread. The queue is lock-free and the writer looks at it every
 * {@link #POLL_MILLIS} ms rather than being woken per record: an offer costs a SIP thread no lock and no wake-up, and
 * a batch goes to the file in one write.
 * <p>
 * Retention: on the same thread, at start and whenever the UTC day changes, day files older than
 * {@code retentionDays} days before today are deleted ({@code sip.cdrRetentionDays}); 0 keeps every file.
 */
public final class CdrWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdrWriter.class);
    static final long FORCE_EVERY_MILLIS = 500;
    private static final int QUEUE = 65_536;
    private static final int BATCH = 1024;
    static final long POLL_MILLIS = 50;
    private static final long DAY_MILLIS = 24L * 3600 * 1000;

    private final Path dir;
    private final CallUsage usage;
    private final Queue<CallRecord> queue = PlatformDependent.newFixedMpscQueue(QUEUE);
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;
    private FileChannel file;
    private String fileDay;
    private boolean dirty;
    private long lastForceNanos = System.nanoTime();
    private long lastDropLogNanos;
    private final int retentionDays;
    private final Clock clock;
    /** the UTC day (days since the epoch) retention last ran for */
    private long retentionDay = Long.MIN_VALUE;

    /** @param retentionDays day files dated more than this many days before today are deleted; 0 = none */
    public CdrWriter(Path dir, int retentionDays) throws IOException {
        this(dir, retentionDays, Clock.systemUTC(), CallUsage.NONE);
    }

    /** @param usage where each answered outbound call's record is also reported, for usage metering */
    public CdrWriter(Path dir, int retentionDays, CallUsage usage) throws IOException {
        this(dir, retentionDays, Clock.systemUTC(), usage);
    }

    /** @param clock what "today" is (UTC), read on the writer's thread */
    public CdrWriter(Path dir, int retentionDays, Clock clock) throws IOException {
        this(dir, retentionDays, clock, CallUsage.NONE);
    }

    private CdrWriter(Path dir, int retentionDays, Clock clock, CallUsage usage) throws IOException {
        this.usage = usage;
        this.dir = Files.createDirectories(dir);
        this.retentionDays = retentionDays;
        this.clock = clock;
        thread = new Thread(this::run, "sip-cdr");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a record; never blocks. An answered outbound call is also handed to usage metering (lock-free, bounded;
     * dropped and counted there when full), from the caller's thread: the usage event does not wait for the file.
     */
    public void add(CallRecord record) {
        if (record.answer() != null && CallRecord.OUTBOUND.equals(record.direction()) && usage != CallUsage.NONE) {
            usage.callEnded(record.tenant(), record.callId(), record.carrier(), dialled(record.to()),
                    record.durationSeconds(), System.currentTimeMillis());
        }
        if (!queue.offer(record)) {
            long n = dropped.incrementAndGet();
            long now = System.nanoTime();
            if (now - lastDropLogNanos > TimeUnit.MINUTES.toNanos(1)) {
                lastDropLogNanos = now;
                LOG.error("CDR queue full ({} records): {} records dropped so far; is the disk slow?", QUEUE, n);
            }
        }
    }

    /** The user part of a SIP or tel URI ({@code sip:+4420...@host;params} to {@code +4420...}), else the text. */
    static String dialled(String uri) {
        if (uri == null) {
            return "";
        }
        int colon = uri.indexOf(':');
        int start = colon >= 0 && colon <= 4 ? colon + 1 : 0; // sip:, sips:, tel:
        int end = uri.length();
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '@' || c == ';' || c == '>') {
                end = i;
                break;
            }
        }
        return uri.substring(start, end);
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<CallRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                retention();
                CallRecord r;
                while (batch.size() < BATCH && (r = queue.poll()) != null) {
                    batch.add(r);
                }
                boolean wrote = !batch.isEmpty();
                if (wrote) {
                    write(batch);
                    batch.clear();
                }
                if (dirty && (!wrote || System.nanoTime() - lastForceNanos >= FORCE_EVERY_MILLIS * 1_000_000)) {
                    force();
                }
                if (closing && queue.isEmpty()) {
                    break;
                }
                if (!wrote) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
                    if (Thread.interrupted()) {
                        closing = true;
                    }
                }
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

    /** Once per UTC day: deletes the day files older than the retention. Never the file being written. */
    private void retention() {
        long today = Math.floorDiv(clock.millis(), DAY_MILLIS);
        if (today == retentionDay || retentionDays <= 0) {
            return;
        }
        retentionDay = today;
        LocalDate oldestKept = LocalDate.ofEpochDay(today - retentionDays);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "calls-*.jsonl")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                LocalDate day;
                try {
                    day = LocalDate.parse(name.substring("calls-".length(), name.length() - ".jsonl".length()));
                } catch (DateTimeParseException notADayFile) {
                    continue;
                }
                if (day.isBefore(oldestKept) && !day.toString().equals(fileDay)) {
                    Files.deleteIfExists(f);
                    LOG.info("deleted {}: older than sip.cdrRetentionDays ({})", name, retentionDays);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("CDR retention could not clean {} (tried again tomorrow): {}", dir, e.toString());
        }
    }

    private void write(List<CallRecord> batch) throws IOException {
        StringBuilder lines = new StringBuilder(batch.size() * 400);
        for (CallRecord r : batch) {
            String day = r.setup().substring(0, 10);
            if (!day.equals(fileDay)) {
                append(lines);
                force();
                if (file != null) {
                    file.close();
                }
                file = FileChannel.open(dir.resolve("calls-" + day + ".jsonl"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                fileDay = day;
            }
            lines.append(json.writeValueAsString(r)).append('\n');
        }
        append(lines);
    }

    /** One write for the lines gathered so far (a batch, or its part before a new day's file). */
    private void append(StringBuilder lines) throws IOException {
        if (lines.length() == 0) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        lines.setLength(0);
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
        dirty = true;
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
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
