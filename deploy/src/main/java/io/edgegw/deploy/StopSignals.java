package io.edgegw.deploy;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT ask the running gateway to stop, and the main thread stops it: the ordered stop (intake,
 * drain, unbind, queues) then runs outside the JVM's shutdown sequence and the process exits 0 when it is done,
 * where the JVM's own handling would exit 143 after running hooks in no particular order. A second signal while
 * stopping is only logged; a stop that overruns its bound by far is cut short by {@link #watchdog}.
 */
final class StopSignals {
    private static final String[] NAMES = {"TERM", "INT"};

    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile long requestedNanos;
    private volatile String signal = "";

    /** Takes SIGTERM and SIGINT from the JVM's default handling (exit through shutdown hooks). */
    static StopSignals install() {
        StopSignals s = new StopSignals();
        for (String name : NAMES) {
            Signal.handle(new Signal(name), sig -> s.received("SIG" + sig.getName()));
        }
        return s;
    }

    private void received(String name) {
        if (requested.getCount() == 0) {
            System.err.println("edge: " + name + " again; already stopping");
            return;
        }
        requestedNanos = System.nanoTime();
        signal = name;
        requested.countDown();
    }

    /** Blocks until a stop signal arrives; returns its name. */
    String await() throws InterruptedException {
        requested.await();
        return signal;
    }

    /** Milliseconds since the stop signal arrived. */
    long millisSinceSignal() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requestedNanos);
    }

    /**
     * A daemon thread that halts the process with status 1 if it is still stopping after {@code bound}: a stop is
     * bounded by design, so this is a last resort, not a path.
     */
    static void watchdog(long bound, TimeUnit unit) {
        Thread t = new Thread(() -> {
            try {
                unit.sleep(bound);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("edge: still stopping after " + unit.toSeconds(bound) + " s; halting");
            Runtime.getRuntime().halt(1);
        }, "edge-stop-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
