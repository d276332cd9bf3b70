package io.edgegw.core.queue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages in one queue not yet completed (unread plus in flight): what was left at start, plus what the journal
 * appended since, minus what the dispatcher completed since. Each counter has a single writer, so an ordered
 * store ({@code lazySet}) is enough and costs no more than a plain one.
 */
public final class QueueDepth {
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private volatile long atStart;

    void atStart(long n) {
        atStart = n;
    }

    /** Journal thread only. */
    public void appended() {
        appended.lazySet(appended.get() + 1);
    }

    /** Dispatcher thread only. */
    public void completed() {
        completed.lazySet(completed.get() + 1);
    }

    public long depth() {
        return Math.max(0, atStart + appended.get() - completed.get());
    }
}
