package io.edgegw.sipstack.transaction;

import io.netty.util.internal.PlatformDependent;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One thread owning the transactions of the Call-IDs that hash to it, fed by a lock-free MPSC queue. Work runs in
 * batches; end-of-batch hooks (the transport's flush) run once the queue is drained or a batch reaches its cap.
 * How long work waited in the queue is kept as a cheap read, and so is whether the worker is overloaded:
 * {@link #overloaded()}.
 */
public final class Worker implements Executor {
    private static final int MAX_BATCH = 1024;
    private static final long NOT_BEHIND = Long.MIN_VALUE;

    private final Queue<Job> queue = PlatformDependent.newMpscQueue();
    private final List<Runnable> endOfBatch = new ArrayList<>();
    private final Thread thread;
    private final int index;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    /** How long the latest task waited, zero once the queue runs dry, so an idle worker never looks overloaded. */
    private volatile long queueDelayNanos;
    /** Work waiting longer than this puts the worker behind; 0: never overloaded. */
    private final long overloadNanos;
    /** How long the worker must stay behind without a break before it counts as overloaded. */
    private final long sustainNanos;
    private final LongSupplier clock;
    /** When the current unbroken run of tasks that waited over the bound began (worker thread only). */
    private long behindSince = NOT_BEHIND;
    private volatile boolean overloaded;

    private record Job(Runnable task, long enqueuedAt) {
    }

    Worker(int index) {
        this(index, 0, 0, System::nanoTime);
    }

    /**
     * @param overloadNanos queue wait past which the worker is behind (0: never overloaded)
     * @param sustainNanos  how long it must stay behind without a break to be overloaded
     * @param clock         nanoTime, a fake one in tests
     */
    Worker(int index, long overloadNanos, long sustainNanos, LongSupplier clock) {
        this.index = index;
        this.overloadNanos = overloadNanos;
        this.sustainNanos = sustainNanos;
        this.clock = clock;
        this.thread = new Thread(this::run, "sip-worker-" + index);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    public int index() {
        return index;
    }

    @Override
    public void execute(Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("sip-worker-" + index + " stopped");
        }
        queue.offer(new Job(task, clock.getAsLong()));
        // The full fence pairs with the worker's write of sleeping before its last look at the queue: one of the
        // two sees the other, so a task is never left behind a parked worker.
        VarHandle.fullFence();
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether the caller runs on this worker, so it may touch the worker's transactions directly. */
    public boolean inWorker() {
        return Thread.currentThread() == thread;
    }

    /** How long the task running now (or the latest) waited in the queue; zero when idle. A volatile read. */
    public long queueDelayNanos() {
        return queueDelayNanos;
    }

    /**
     * True while every task this worker started for at least the sustain time (1 s by default) had waited in the
     * queue longer than the overload bound: the worker is behind and not catching up, so new INVITEs should be shed.
     * One sample over the bound is not enough: a cold JVM's first calls (class loading, invokedynamic bootstraps, JIT)
     * or a GC pause stall a worker once, and the backlog behind such a stall drains in a moment; shedding on it
     * refused calls on a machine that had room for them. A task that waited less than the bound, or the queue
     * running dry, ends the run. Decided when each task starts, so within one task every reader sees the same
     * answer. A volatile read.
     */
    public boolean overloaded() {
        return overloaded;
    }

    /** Runs {@code hook} on this worker after each batch, e.g. to flush writes. Register before the first message. */
    public void onEndOfBatch(Runnable hook) {
        execute(() -> endOfBatch.add(hook));
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    void awaitStopped(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void run() {
        while (running) {
            int done = 0;
            Job job;
            while (done < MAX_BATCH && (job = queue.poll()) != null) {
                // Published before the task runs, so the task itself (a new INVITE) sees how long it waited.
                long now = clock.getAsLong();
                long waited = now - job.enqueuedAt;
                queueDelayNanos = waited;
                behind(waited, now);
                runSafely(job.task);
                done++;
            }
            if (done > 0) {
                endOfBatch.forEach(this::runSafely);
                continue;
            }
            queueDelayNanos = 0;
            caughtUp();
            sleeping = true;
            if (queue.isEmpty() && running) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    private void behind(long waited, long now) {
        if (overloadNanos == 0 || waited <= overloadNanos) {
            caughtUp();
            return;
        }
        if (behindSince == NOT_BEHIND) {
            behindSince = now;
        }
        boolean over = now - behindSince >= sustainNanos;
        if (over != overloaded) {
            overloaded = over;
        }
    }

    private void caughtUp() {
        behindSince = NOT_BEHIND;
        if (overloaded) {
            overloaded = false;
        }
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // One bad message must not stop the thread that holds thousands of calls.
            Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
            if (h != null) {
                h.uncaughtException(thread, e);
            } else {
                System.getLogger(Worker.class.getName()).log(System.Logger.Level.ERROR, "task failed on " + thread.getName(), e);
            }
        }
    }
}
