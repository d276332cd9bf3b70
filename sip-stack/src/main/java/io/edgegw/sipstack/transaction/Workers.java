package io.edgegw.sipstack.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** The workers, chosen by Call-ID hash so all the state of one call lives on one thread. */
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

    private Workers(Worker[] workers) {
        this.workers = workers;
    }

    /**
     * The event loops of {@code group} as workers: a message read on the loop its Call-ID hashes to is handled right
     * there, with no hand-off to another thread (on a small box, one loop does all the SIP work and no thread ever
     * wakes another per message). Overload as {@code config} says ({@link TransactionConfig#overloadDelay()},
     * {@link TransactionConfig#overloadSustain()}), the wait of datagrams in the UDP socket counting as the wait
     * of their work ({@link #watchSocket}). The group's owner (the transports) stops it.
     */
    public static Workers onEventLoops(EventExecutorGroup group, TransactionConfig config) {
        return onEventLoops(group, config.overloadDelay() * 1_000_000, config.overloadSustain() * 1_000_000,
                System::nanoTime);
    }

    static Workers onEventLoops(EventExecutorGroup group, long overloadNanos, long sustainNanos, LongSupplier clock) {
        List<Worker> list = new ArrayList<>();
        for (EventExecutor loop : group) {
            list.add(Worker.onEventLoop(list.size(), loop, overloadNanos, sustainNanos, clock));
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

    /** The longest queue wait over all workers, for a gauge. */
    public long maxQueueDelayNanos() {
        long max = 0;
        for (Worker w : workers) {
            max = Math.max(max, w.queueDelayNanos());
        }
        return max;
    }

    /**
     * Every message of every call waits in the UDP socket before any worker sees it: from now on each worker counts
     * {@code backlogNanos} (a lower bound of how long the socket's next datagram has waited, any thread) with its own
     * queue's wait when it judges overload ({@link Worker#overloaded()}).
     */
    public void watchSocket(LongSupplier backlogNanos) {
        for (Worker w : workers) {
            w.watchSocket(backlogNanos);
        }
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
