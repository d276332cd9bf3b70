package io.edgegw.core.queue;

import java.nio.file.Path;

/**
 * In-order completion tracking for one queue: messages are tracked in the order they were read and may complete
 * in any order; the committed position is the queue index of the last message such that it and everything
 * before it completed. That index lives in a small memory-mapped file ({@link CommittedPosition}: two checked slots,
 * written alternately), written on every advance: a store into the page cache, which survives kill -9; with
 * {@code storage.sync: batch} housekeeping forces it to the device once a second. Single-threaded: owned by the
 * dispatcher. Other threads (housekeeping) read the position through
 * their own {@link CommittedPosition} on the same file, never through this object.
 */
public final class AckTracker implements AutoCloseable {
    private final long[] index;
    private final boolean[] done;
    private final int[] sizes;
    /** A caller's number per ticket (the message's accepted time), so the oldest in flight can be told. */
    private final long[] stamps;
    private final int mask;
    private final CommittedPosition slot;
    private long head;
    private long tail;
    private long committed;

    /** @param capacity most messages in flight at once from this queue; rounded up to a power of two */
    public AckTracker(Path positionFile, int capacity) {
        int cap = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        index = new long[cap];
        done = new boolean[cap];
        sizes = new int[cap];
        stamps = new long[cap];
        mask = cap - 1;
        slot = new CommittedPosition(positionFile);
        committed = slot.get();
    }

    /** Queue index of the last message completed with all before it; 0 when none. */
    public long committed() {
        return committed;
    }

    public boolean hasRoom() {
        return tail - head < index.length;
    }

    public int inFlight() {
        return (int) (tail - head);
    }

    /** Starts tracking a message just read; returns its ticket for {@link #complete}. */
    public long track(long queueIndex) {
        return track(queueIndex, 0);
    }

    /** Starts tracking a message of {@code bytes} bytes just read; returns its ticket for {@link #complete}. */
    public long track(long queueIndex, int bytes) {
        if (!hasRoom()) {
            throw new IllegalStateException("tracker full");
        }
        long ticket = tail++;
        index[(int) (ticket & mask)] = queueIndex;
        done[(int) (ticket & mask)] = false;
        sizes[(int) (ticket & mask)] = bytes;
        stamps[(int) (ticket & mask)] = 0;
        return ticket;
    }

    /** Attaches a number (e.g. accepted epoch millis) to a ticket in flight. */
    public void stamp(long ticket, long value) {
        stamps[(int) (ticket & mask)] = value;
    }

    /** The stamp of the oldest ticket not yet completed with all before it; 0 when nothing is in flight. */
    public long oldestStamp() {
        return head < tail ? stamps[(int) (head & mask)] : 0;
    }

    /** Bytes given to {@link #track} for a ticket still in flight. */
    public int size(long ticket) {
        return sizes[(int) (ticket & mask)];
    }

    /** @return false when the ticket was already completed (a duplicate outcome changes nothing) */
    public boolean complete(long ticket) {
        if (ticket < head || ticket >= tail || done[(int) (ticket & mask)]) {
            return false;
        }
        done[(int) (ticket & mask)] = true;
        long before = committed;
        while (head < tail && done[(int) (head & mask)]) {
            committed = index[(int) (head & mask)];
            done[(int) (head & mask)] = false;
            head++;
        }
        if (committed != before) {
            slot.set(committed);
        }
        return true;
    }

    @Override
    public void close() {
        slot.close();
    }
}
