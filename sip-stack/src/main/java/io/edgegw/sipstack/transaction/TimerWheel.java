package io.edgegw.sipstack.transaction;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/**
 * One hashed wheel for the whole stack (Kamailio's tm does the same): scheduling and cancelling are O(1), and an
 * expiry only hands its task to the worker that owns the transaction, so the wheel's thread never runs SIP code.
 */
public final class TimerWheel implements AutoCloseable {
    private final HashedWheelTimer timer;

    public TimerWheel(long tickMillis) {
        timer = new HashedWheelTimer(new DefaultThreadFactory("sip-timer", true), tickMillis, TimeUnit.MILLISECONDS,
                512);
        timer.start();
    }

    /** Runs {@code task} on {@code worker} after {@code delayMillis} (at once when not positive). */
    public Timeout schedule(Worker worker, Runnable task, long delayMillis) {
        return timer.newTimeout(t -> worker.execute(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.stop();
    }
}
