package io.edgegw.simulator.smsc;

import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Items released a fixed delay after they were added, in the order added, by one timer on the session's event loop
 * rather than a timer per item: the simulator's submit latency and receipt delay at tens of thousands a second. Each
 * run releases every item due, then calls {@code afterBatch} once (one flush for all of them). Items must come in
 * with non-decreasing times, which a fixed delay on a monotonic clock gives. Event loop only.
 */
final class DelayLine<T> {
    interface Release<T> {
        void release(T item, int tag);
    }

    private final EventExecutor executor;
    private final long delayNanos;
    private final Release<T> release;
    private final Runnable afterBatch;
    private long[] due = new long[64];
    private Object[] items = new Object[64];
    private int[] tags = new int[64];
    private int head;
    private int size;
    private boolean timerSet;

    DelayLine(EventExecutor executor, long delayMillis, Release<T> release, Runnable afterBatch) {
        this.executor = executor;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        this.release = release;
        this.afterBatch = afterBatch;
    }

    /** Queues {@code item} (with an int of the caller's, e.g. a status) for {@code nowNanos} plus the delay. */
    void add(T item, int tag, long nowNanos) {
        if (size == items.length) {
            grow();
        }
        int at = (head + size) & (items.length - 1);
        due[at] = nowNanos + delayNanos;
        items[at] = item;
        tags[at] = tag;
        size++;
        if (!timerSet) {
            arm(delayNanos);
        }
    }

    int size() {
        return size;
    }

    private void arm(long inNanos) {
        try {
            executor.schedule(this::run, Math.max(0, inNanos), TimeUnit.NANOSECONDS);
            timerSet = true;
        } catch (RejectedExecutionException e) {
            timerSet = false; // shutting down: what is queued goes with the event loop
        }
    }

    @SuppressWarnings("unchecked")
    private void run() {
        timerSet = false;
        long now = System.nanoTime();
        while (size > 0 && due[head] - now <= 0) {
            T item = (T) items[head];
            int tag = tags[head];
            items[head] = null;
            head = (head + 1) & (items.length - 1);
            size--;
            release.release(item, tag);
        }
        afterBatch.run();
        if (size > 0) {
            arm(due[head] - now);
        }
    }

    private void grow() {
        int capacity = items.length * 2;
        long[] newDue = new long[capacity];
        Object[] newItems = new Object[capacity];
        int[] newTags = new int[capacity];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (items.length - 1);
            newDue[i] = due[from];
            newItems[i] = items[from];
            newTags[i] = tags[from];
        }
        due = newDue;
        items = newItems;
        tags = newTags;
        head = 0;
    }
}
