package io.edgegw.sipstack.transaction;

import java.util.function.LongSupplier;

/** The worker threads, chosen by Call-ID hash so all the state of one call lives on one thread. */
public final class Workers implements AutoCloseable {
    private final Worker[] workers;

    public Workers(int n) {
        this(n, 0, 0, System::nanoTime);
    }

    /** Workers that count as overloaded once work waits over {@code overloadNanos} for {@code sustainNanos}. */
    Workers(int n, long overloadNanos, long sustainNanos, LongSupplier clock) {
        workers = new Worker[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(i, overloadNanos, sustainNanos, clock);
            workers[i].start();
        }
    }

    public int size() {
        return workers.length;
    }

    public Worker forHash(int callIdHash) {
        return workers[Math.floorMod(callIdHash, workers.length)];
    }

    public Worker get(int index) {
        return workers[index];
    }

    /** The longest queue wait over all workers, for a gauge. */
    public long maxQueueDelayNanos() {
        long max = 0;
        for (Worker w : workers) {
            max = Math.max(max, w.queueDelayNanos());
        }
        return max;
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.stop();
        }
        for (Worker w : workers) {
            try {
                w.awaitStopped(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
