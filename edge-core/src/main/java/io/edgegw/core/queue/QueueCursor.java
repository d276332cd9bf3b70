package io.edgegw.core.queue;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one queue in order for the single thread that owns it, handing out tickets for {@link AckTracker}.
 * On open it resumes just after the committed position, so whatever was read but not completed before a
 * crash or restart is read again.
 */
public final class QueueCursor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueCursor.class);
    /** Turns one record into the caller's handle; must copy what it keeps, the bytes are reused. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(BytesIn<?> in, long ticket);
    }

    /**
     * Tells, as the queue opens, which records left past the committed position are already done though not yet
     * completed (a scheduled record already moved, see dispatch.ScheduledLane): they are left out of the depth at
     * start, and their completion later takes nothing off it. May read the record's bytes.
     */
    @FunctionalInterface
    public interface AlreadyDone {
        boolean test(long index, BytesIn<?> in);
    }

    private final ChronicleQueue queue;
    private final AckTracker tracker;
    private ExcerptTailer tailer;

    private final QueueDepth depth;
    private long undecodable;
    /** Queue index of the record last handed to a decoder. */
    private long readIndex;
    /**
     * Bit per ticket, for the first tickets of this cursor (at most its capacity): the record was left out of the
     * depth at start ({@link AlreadyDone}), so its completion is not counted. Null when nothing was left out.
     */
    private final long[] uncounted;

    public QueueCursor(ChronicleQueue queue, Path positionFile, int capacity, QueueDepth depth) {
        this(queue, positionFile, capacity, depth, null);
    }

    /**
     * @param alreadyDone records past the committed position already done (among the first {@code capacity}), left
     *                    out of the depth at start; null when there are none of that kind
     */
    public QueueCursor(ChronicleQueue queue, Path positionFile, int capacity, QueueDepth depth,
                       AlreadyDone alreadyDone) {
        this.queue = queue;
        this.tracker = new AckTracker(positionFile, capacity);
        this.depth = depth;
        long[] left = alreadyDone == null ? null : new long[(capacity + 63) >>> 6];
        boolean leftOut = false;
        // count what is left before any writer starts, with a throwaway tailer on this thread; the k-th data record
        // read here is the one next() gives ticket k, as both start just after the committed position
        try (ExcerptTailer counter = queue.createTailer()) {
            position(counter);
            long n = 0;
            long bytes = 0;
            long ordinal = 0;
            while (true) {
                try (DocumentContext dc = counter.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    long size = dc.wire().bytes().readRemaining();
                    if (left != null && dc.isData() && ordinal < capacity && done(alreadyDone, dc)) {
                        left[(int) (ordinal >>> 6)] |= 1L << ordinal;
                        leftOut = true;
                    } else {
                        n++;
                        bytes += size;
                    }
                    if (dc.isData()) {
                        ordinal++;
                    }
                }
            }
            depth.atStart(n, bytes);
        }
        this.uncounted = leftOut ? left : null;
    }

    /** An unreadable record is not done: it is counted, and completed (counted) when the cursor skips it. */
    private static boolean done(AlreadyDone alreadyDone, DocumentContext dc) {
        try {
            return alreadyDone.test(dc.index(), dc.wire().bytes());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** Creates the tailer; call on the owning thread (Chronicle tailers are single-threaded). */
    public void open() {
        tailer = queue.createTailer();
        position(tailer);
    }

    private void position(ExcerptTailer t) {
        long committed = tracker.committed();
        if (committed != 0 && t.moveToIndex(committed)) {
            try (DocumentContext dc = t.readingDocument()) {
                // reading it moves past the committed message, which is complete
                dc.isPresent();
            }
        } else {
            t.toStart();
        }
    }

    /** The next record decoded, or null when none is written yet or too many are in flight. */
    public <T> T next(Decoder<T> decoder) {
        if (!tracker.hasRoom()) {
            return null;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            if (!dc.isData()) {
                return null;
            }
            readIndex = dc.index();
            long ticket = tracker.track(readIndex, (int) dc.wire().bytes().readRemaining());
            try {
                return decoder.decode(dc.wire().bytes(), ticket);
            } catch (RuntimeException e) {
                // A record that cannot be decoded can never be sent. Left in flight it would hold the committed
                // position forever (no file deleted after it, everything after it sent again at each restart),
                // so it is completed, counted and logged with its index for an operator to look at.
                undecodable++;
                if (undecodable <= 10 || undecodable % 1000 == 0) {
                    LOG.error("{}: record at index {} cannot be decoded and is skipped ({} so far): {}", queue.file(),
                            Long.toHexString(dc.index()), undecodable, e.toString());
                }
                complete(ticket);
                return null;
            }
        }
    }

    public void complete(long ticket) {
        int bytes = tracker.size(ticket);
        if (tracker.complete(ticket) && !leftOutAtStart(ticket)) {
            depth.completed(bytes);
        }
    }

    private boolean leftOutAtStart(long ticket) {
        long[] u = uncounted;
        return u != null && ticket >= 0 && ticket < ((long) u.length << 6)
                && (u[(int) (ticket >>> 6)] & (1L << ticket)) != 0;
    }

    /** Queue index of the record being decoded, or last decoded (for a decoder that keeps where a record is). */
    public long readIndex() {
        return readIndex;
    }

    /** Whether another record can be tracked now (fewer than the capacity in flight). */
    public boolean hasRoom() {
        return tracker.hasRoom();
    }

    /** Records skipped because they could not be decoded (corruption); each was logged with its index. */
    public long undecodable() {
        return undecodable;
    }

    public int inFlight() {
        return tracker.inFlight();
    }

    /** See {@link AckTracker#stamp}. */
    public void stamp(long ticket, long value) {
        tracker.stamp(ticket, value);
    }

    /** See {@link AckTracker#oldestStamp}. */
    public long oldestStamp() {
        return tracker.oldestStamp();
    }

    @Override
    public void close() {
        if (tailer != null) {
            tailer.close();
        }
        tracker.close();
    }
}
