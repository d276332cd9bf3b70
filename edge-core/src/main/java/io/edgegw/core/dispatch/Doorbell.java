package io.edgegw.core.dispatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * How producers wake the dispatcher thread when it sleeps, and only then: the thread says it is going to sleep
 * ({@link #announce}), looks once more for work, and parks; a producer that has handed over work {@link #ring}s,
 * which costs a fence and a read while the thread is awake and one {@code unpark} per sleep otherwise (the first
 * ringer takes the flag; later ones see it down). No lock either side. The classic handshake: the thread writes the
 * flag then reads the work, the producer writes the work then reads the flag, both with full fences, so at least one
 * of them sees the other and no wake-up is lost.
 */
final class Doorbell {
    private static final VarHandle ASLEEP;

    static {
        try {
            ASLEEP = MethodHandles.lookup().findVarHandle(Doorbell.class, "asleep", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through ASLEEP
    private volatile boolean asleep;
    private volatile Thread sleeper;

    /** The owner thread: about to look for work a last time, then park. */
    void announce() {
        sleeper = Thread.currentThread();
        asleep = true; // a volatile write: ordered before the owner's last look for work
    }

    /** The owner thread: awake again (woken, timed out, or found work in its last look). */
    void awake() {
        asleep = false;
    }

    /** Any thread, after handing work over: wakes the owner if it announced a sleep. */
    void ring() {
        VarHandle.fullFence(); // the work's publication before the flag's read (a release store alone is not enough)
        if (asleep && ASLEEP.compareAndSet(this, true, false)) {
            LockSupport.unpark(sleeper);
        }
    }

    /** Whether the owner announced a sleep and nobody rang since (tests). */
    boolean asleep() {
        return asleep;
    }
}
