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
    private final AtomicLong appendedBytes = new AtomicLong();
    private final AtomicLong completedBytes = new AtomicLong();
    private volatile long atStart;
    private volatile long bytesAtStart;

    /** What was left at start, counted by the reader before any writer starts. */
    public void atStart(long n, long bytes) {
        atStart = n;
        bytesAtStart = bytes;
    }

    /** Journal thread only: one record of {@code bytes} bytes appended. */
    public void appended(int bytes) {
        appended.lazySet(appended.get() + 1);
        appendedBytes.lazySet(appendedBytes.get() + bytes);
    }

    /** Dispatcher thread only. */
    public void completed(int bytes) {
        completed.lazySet(completed.get() + 1);
        completedBytes.lazySet(completedBytes.get() + bytes);
    }

    public long depth() {
        return Math.max(0, atStart + appended.get() - completed.get());
    }

    /** Payload bytes of the messages counted by {@link #depth()} (record bodies, not Chronicle's file overhead). */
    public long bytes() {
        return Math.max(0, bytesAtStart + appendedBytes.get() - completedBytes.get());
    }
}
