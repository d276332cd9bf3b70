package io.edgegw.smpp.window;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The requests of one session still waiting for their response, bounded by {@code limit}.
 *
 * <p>Threading: {@link #offer} is called by one foreign thread (the core's dispatcher); {@link #complete},
 * {@link #sweep} and {@link #drain} by the channel's event loop. No locks: each entry lives in the slot
 * {@code sequence & mask} and moves in and out of it by CAS, so the only shared writes are the slot and the
 * in-flight counter. The array has at least twice {@code limit} slots, so an offer that meets an occupied slot
 * (an old, slow request) just takes the next sequence number.
 */
public final class Window<T> {
    /** One outstanding request. */
    public record Entry<T>(int sequence, T request, long deadlineNanos) {
    }

    private final AtomicReferenceArray<Entry<T>> slots;
    private final int mask;
    private final int limit;
    private final SequenceNumbers sequences;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    public Window(int limit, SequenceNumbers sequences) {
        if (limit < 1) {
            throw new IllegalArgumentException("window limit must be at least 1: " + limit);
        }
        if (limit > 1 << 20) {
            throw new IllegalArgumentException("window limit must be at most " + (1 << 20) + ": " + limit);
        }
        int capacity = Integer.highestOneBit(Math.max(2, limit * 2 - 1)) << 1;
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
        this.limit = limit;
        this.sequences = sequences;
    }

    /**
     * Takes {@code request} with the given deadline and returns its fresh sequence number, or -1 when the window
     * is full or closed (nothing kept). Single offering thread only.
     */
    public int offer(T request, long deadlineNanos) {
        if (closed || inFlight.get() >= limit) {
            return -1;
        }
        inFlight.incrementAndGet();
        for (int tries = 0; tries <= mask; tries++) {
            int sequence = sequences.next();
            Entry<T> entry = new Entry<>(sequence, request, deadlineNanos);
            if (slots.compareAndSet(sequence & mask, null, entry)) {
                return closed ? withdrawIfClosed(entry) : sequence;
            }
        }
        inFlight.decrementAndGet();
        return -1;
    }

    /**
     * The window was closed while we claimed the slot: take the entry back unless {@link #drain} already got it,
     * in which case it was taken and is being reported by the drainer, so it counts as offered.
     */
    private int withdrawIfClosed(Entry<T> entry) {
        if (slots.compareAndSet(entry.sequence() & mask, entry, null)) {
            inFlight.decrementAndGet();
            return -1;
        }
        return entry.sequence();
    }

    /** Removes and returns the entry for a response's sequence number, or null if none (late or unknown). */
    public Entry<T> complete(int sequence) {
        int index = sequence & mask;
        Entry<T> entry = slots.get(index);
        if (entry == null || entry.sequence() != sequence || !slots.compareAndSet(index, entry, null)) {
            return null;
        }
        inFlight.decrementAndGet();
        return entry;
    }

    /** Removes every entry whose deadline has passed and hands it to {@code expired}. Returns how many. */
    public int sweep(long nowNanos, Consumer<Entry<T>> expired) {
        int count = 0;
        for (int i = 0; i <= mask; i++) {
            Entry<T> entry = slots.get(i);
            if (entry != null && nowNanos - entry.deadlineNanos() >= 0 && slots.compareAndSet(i, entry, null)) {
                inFlight.decrementAndGet();
                expired.accept(entry);
                count++;
            }
        }
        return count;
    }

    /** Closes the window for good and returns everything still outstanding. */
    public List<Entry<T>> drain() {
        closed = true;
        List<Entry<T>> drained = new ArrayList<>();
        for (int i = 0; i <= mask; i++) {
            Entry<T> entry = slots.getAndSet(i, null);
            if (entry != null) {
                inFlight.decrementAndGet();
                drained.add(entry);
            }
        }
        return drained;
    }

    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    public int available() {
        return closed ? 0 : Math.max(0, limit - inFlight.get());
    }

    public int limit() {
        return limit;
    }

    public boolean isClosed() {
        return closed;
    }
}
