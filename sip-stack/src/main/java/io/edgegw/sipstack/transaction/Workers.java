package io.edgegw.sipstack.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;

import java.util.ArrayList;
import java.util.List;

/** The workers, chosen by Call-ID hash so all the state of one call lives on one thread. */
public final class Workers implements AutoCloseable {
    private final Worker[] workers;

    public Workers(int n) {
        workers = new Worker[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    private Workers(Worker[] workers) {
        this.workers = workers;
    }

    /**
     * The event loops of {@code group} as workers: a message read on the loop its Call-ID hashes to is handled right
     * there, with no hand-off to another thread (on a small box, one loop does all the SIP work and no thread ever
     * wakes another per message). The group's owner (the transports) stops it.
     */
    public static Workers onEventLoops(EventExecutorGroup group) {
        List<Worker> list = new ArrayList<>();
        for (EventExecutor loop : group) {
            list.add(Worker.onEventLoop(list.size(), loop));
        }
        return new Workers(list.toArray(new Worker[0]));
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

    /** The worker that is the calling thread, or null. */
    public Worker current() {
        for (Worker w : workers) {
            if (w.inWorker()) {
                return w;
            }
        }
        return null;
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
