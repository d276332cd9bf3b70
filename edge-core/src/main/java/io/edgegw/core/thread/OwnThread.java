package io.edgegw.core.thread;

import java.util.concurrent.locks.LockSupport;

/** Stopping a component's own worker thread, which parks between looks and checks a running flag the caller cleared. */
public final class OwnThread {
    private OwnThread() {
    }

    /**
     * Wakes {@code thread} (null or not started: nothing) and waits up to {@code millis} for it to end; an interrupt
     * ends the wait and stays set.
     */
    public static void wakeAndJoin(Thread thread, long millis) {
        if (thread == null || !thread.isAlive()) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
