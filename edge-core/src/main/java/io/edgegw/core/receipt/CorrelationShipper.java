package io.edgegw.core.receipt;

import io.edgegw.core.queue.CycleFiles;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Follows the correlations journal for {@link RedisCorrelations}: reads entries past the last one Redis has
 * acknowledged, and keeps that position in a small checkpoint file ({@code storage/correlations-redis/shipped}).
 * The journal stays the durable copy and Redis a shared index fed from it, so when Redis is slow or down nothing is
 * lost or buffered in memory: the shipper only falls behind, and reads the same entries again once Redis answers.
 * After a kill -9 it ships again from the checkpoint (written once a second): at most a second of SETs twice, which
 * are idempotent. The owning thread's only.
 */
final class CorrelationShipper implements AutoCloseable {
    /** One entry read: its key ({@code carrierId|id}) and its correlation. */
    interface Each {
        void entry(CharSequence key, Correlation correlation);
    }

    private final ChronicleQueue queue;
    private final long retentionMillis;
    private final Path checkpoint;
    private final StringBuilder key = new StringBuilder(80);
    private ExcerptTailer tailer;
    /** The last journal index Redis has acknowledged (all before it too); -1 for none. */
    private long acknowledged;
    private long checkpointed;
    /** The last journal index read (handed out), acknowledged or not. */
    private long read;
    private long skipUpTo = -1;

    CorrelationShipper(ChronicleQueue queue, Path dir, long retentionMillis) throws IOException {
        this.queue = queue;
        this.retentionMillis = retentionMillis;
        Files.createDirectories(dir);
        this.checkpoint = dir.resolve("shipped");
        this.acknowledged = readCheckpoint(checkpoint);
        this.checkpointed = acknowledged;
        this.read = acknowledged;
        this.tailer = queue.createTailer();
        resumeAfter(acknowledged);
    }

    private static long readCheckpoint(Path file) throws IOException {
        if (!Files.exists(file)) {
            return -1; // first start with Redis: the whole retention is shipped
        }
        byte[] b = Files.readAllBytes(file);
        return b.length == Long.BYTES ? ByteBuffer.wrap(b).getLong() : -1;
    }

    /** Positions the tailer just past {@code after}, the way {@link JournalFollower} does. */
    private void resumeAfter(long after) {
        skipUpTo = -1;
        if (after < 0) {
            tailer.toStart();
            return;
        }
        if (tailer.moveToIndex(after)) {
            try (DocumentContext ignored = tailer.readingDocument()) {
                // read past it
            }
        } else if (!tailer.moveToIndex(after + 1)) {
            tailer.toStart(); // its cycle was deleted: read from the first left, skipping what is done
            skipUpTo = after;
        }
    }

    /** Hands out up to {@code max} entries after the last read; entries of cycles past the retention are skipped. */
    int read(int max, Each each) {
        long now = queue.time().currentTimeMillis();
        int firstKept = retentionMillis >= now ? Integer.MIN_VALUE : CycleFiles.cycleAt(queue, now - retentionMillis);
        int n = 0;
        int scanned = 0;
        while (n < max && scanned < 4 * max) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                scanned++;
                long at = dc.index();
                if (at <= skipUpTo) {
                    continue;
                }
                read = at;
                BytesIn<?> in = dc.wire().bytes();
                if (queue.rollCycle().toCycle(at) >= firstKept && CorrelationRecord.readKey(in, key)) {
                    each.entry(key, CorrelationRecord.readCorrelation(in));
                    n++;
                }
            }
        }
        if (scanned > 0 && n == 0) {
            acknowledged = read; // nothing to send among them (past the retention, another version)
        }
        return n;
    }

    /** Redis acknowledged everything read so far. */
    void acknowledged() {
        acknowledged = read;
    }

    /** Redis did not acknowledge all that was read: it is read again from after the last acknowledged. */
    void rewind() {
        tailer.close();
        tailer = queue.createTailer();
        read = acknowledged;
        resumeAfter(acknowledged);
    }

    /** Writes the checkpoint if it moved (once a second, and on close). */
    void checkpoint() throws IOException {
        if (acknowledged == checkpointed) {
            return;
        }
        Path tmp = checkpoint.resolveSibling("shipped.tmp");
        Files.write(tmp, ByteBuffer.allocate(Long.BYTES).putLong(acknowledged).array());
        Files.move(tmp, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        checkpointed = acknowledged;
    }

    /** Journal entries after the last one Redis acknowledged. */
    long behind() {
        return Math.max(0, CycleFiles.excerptsAfter(queue, acknowledged)); // not countable now: counted again next time
    }

    @Override
    public void close() {
        tailer.close();
    }
}
