package io.edgegw.core.receipt;

import io.edgegw.core.queue.CycleFiles;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Follows the correlations journal into the {@link CorrelationIndex}, entry by entry, from where the index left off;
 * seals each cycle's files once the journal has moved past it. The index thread's own.
 */
final class JournalFollower implements AutoCloseable {
    /** Told of each entry put in the index; {@code rest} is the record just after its key. */
    interface Indexed {
        void indexed(long hash, CharSequence key, BytesIn<?> rest, long journalIndex);
    }

    /** Why {@link #follow} stopped: more to read, the journal's end, or an index file that could not be made. */
    enum Stop { MORE, END, CANNOT_WRITE }

    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ChronicleQueue queue;
    private final RollCycle rollCycle;
    private final CorrelationIndex index;
    private final StringBuilder key = new StringBuilder(80);
    private ExcerptTailer tailer;
    private int cycle = Integer.MIN_VALUE;
    private long last = -1;
    /** Entries up to this journal index are read past without indexing (a resume that had to start over). */
    private long skipUpTo = -1;
    private long retryAt;
    private long read;
    private long notIndexed;

    /** Starts just after journal entry {@code after} (-1: from the journal's start). */
    JournalFollower(ChronicleQueue queue, CorrelationIndex index, long after) {
        this.queue = queue;
        this.rollCycle = queue.rollCycle();
        this.index = index;
        this.tailer = queue.createTailer();
        resumeAfter(after);
    }

    /** Positions the tailer just past {@code after}, by the cheapest way the journal still allows. */
    private void resumeAfter(long after) {
        if (after < 0) {
            tailer.toStart();
            return;
        }
        last = after;
        cycle = rollCycle.toCycle(after);
        if (tailer.moveToIndex(after)) {
            try (DocumentContext ignored = tailer.readingDocument()) {
                // read past it
            }
        } else if (!tailer.moveToIndex(after + 1)) { // after may be the end of a cycle (a rewind to the next)
            tailer.toStart(); // its cycle was deleted: read from the first left, skipping what is done
            skipUpTo = after;
        }
    }

    /** A new tailer, just past the last entry followed, after the old one failed; waits a second before reading. */
    void restart() {
        tailer.close();
        tailer = queue.createTailer();
        skipUpTo = -1;
        retryAt = System.nanoTime() + RETRY_NANOS;
        resumeAfter(last);
    }

    /**
     * Indexes up to {@code max} journal entries, those of cycles before {@code firstKept} read past; tells
     * {@code onEach} of each one indexed; records the last in the index's checkpoint.
     */
    Stop follow(int max, int firstKept, Indexed onEach) {
        if (retryAt != 0 && System.nanoTime() - retryAt < 0) {
            return Stop.CANNOT_WRITE;
        }
        retryAt = 0;
        int n = 0;
        Stop stop = Stop.MORE;
        while (n < max) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    stop = Stop.END;
                    break;
                }
                long at = dc.index();
                if (at > skipUpTo) {
                    int c = rollCycle.toCycle(at);
                    if (c > cycle) {
                        if (cycle != Integer.MIN_VALUE) {
                            index.sealBefore(c);
                        }
                        cycle = c;
                    }
                    BytesIn<?> in = dc.wire().bytes();
                    if (c >= firstKept && CorrelationRecord.readKey(in, key)) {
                        long hash = index.hash(key);
                        try {
                            if (!index.insert(c, hash, at)) {
                                notIndexed++;
                            }
                        } catch (IOException e) {
                            dc.rollbackOnClose(); // read it again next time
                            retryAt = System.nanoTime() + RETRY_NANOS;
                            stop = Stop.CANNOT_WRITE;
                            break;
                        }
                        onEach.indexed(hash, key, in, at);
                    }
                    last = at;
                }
                n++;
            }
        }
        if (n > 0) {
            read += n;
            index.indexed(last);
        }
        return stop;
    }

    /** Journal entries read since start (indexed, or past the retention). */
    long read() {
        return read;
    }

    /** Entries left out because their cycle had no room (see {@link CorrelationIndex#insert}). */
    long notIndexed() {
        return notIndexed;
    }

    /** Journal entries after the last one followed (Chronicle counts from one index, inclusive, to another). */
    long behind() {
        return Math.max(0, CycleFiles.excerptsAfter(queue, last)); // not countable now: counted again next time
    }

    @Override
    public void close() {
        tailer.close();
    }
}
