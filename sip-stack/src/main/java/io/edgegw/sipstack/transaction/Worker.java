package io.edgegw.sipstack.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
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
 * What owns the transactions of the Call-IDs that hash to it: either a thread of its own fed by a lock-free MPSC
 * queue, or a transport event loop ({@link #onEventLoop}), which then runs the work of the messages it reads inline,
 * with no hand-off, no wake-up and no second thread touching the socket. On its own thread work runs in batches;
 * end-of-batch hooks (the transport's flush) run once the queue is drained or a batch reaches its cap.
 * <p>
 * How long work waited is kept as a cheap read, and so is whether the worker is overloaded ({@link #overloaded()}),
 * by one rule for both kinds: the worker is behind while the work it starts has waited longer than the bound, and
 * overloaded once it has been behind for the sustain time without a break. Work waits in two places: the worker's
 * task queue (work handed to it; an event loop's own task queue) and, before that, the UDP socket the messages come
 * in on (on an event loop, the queue of the messages it handles inline). The socket's wait is read from the
 * transport's probe ({@link #watchSocket}, a lower bound known to within the probe's 20 ms); the wait that counts is
 * the longer of the two, so a worker is caught up only when both are within the bound.
 */
public final class Worker implements Executor {
    private static final int MAX_BATCH = 1024;
    private static final long NOT_BEHIND = Long.MIN_VALUE;

    private final Queue<Job> queue;
    private final List<Runnable> endOfBatch = new ArrayList<>();
    private final Thread thread;
    private final EventExecutor loop;
    private final int index;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    /** How long the latest task waited in the task queue, zero once it runs dry. */
    private volatile long queueDelayNanos;
    /** A lower bound of how long the UDP socket's next datagram has waited (0: caught up, or not watched). */
    private volatile LongSupplier socketBacklog = () -> 0;
    /** Work waiting longer than this puts the worker behind; 0: never overloaded. */
    private final long overloadNanos;
    /** How long the worker must stay behind without a break before it counts as overloaded. */
    private final long sustainNanos;
    private final LongSupplier clock;
    /** When the current unbroken run of late work began (the worker's own thread or loop only). */
    private long behindSince = NOT_BEHIND;
    private volatile boolean overloaded;

    private record Job(Runnable task, long enqueuedAt) {
    }

    Worker(int index) {
        this(index, 0, 0, System::nanoTime);
    }

    /**
     * A worker with a thread of its own.
     *
     * @param overloadNanos queue wait past which the worker is behind (0: never overloaded)
     * @param sustainNanos  how long it must stay behind without a break to be overloaded
     * @param clock         nanoTime, a fake one in tests
     */
    Worker(int index, long overloadNanos, long sustainNanos, LongSupplier clock) {
        this.index = index;
        this.queue = PlatformDependent.newMpscQueue();
        this.loop = null;
        this.overloadNanos = overloadNanos;
        this.sustainNanos = sustainNanos;
        this.clock = clock;
        this.thread = new Thread(this::run, "sip-worker-" + index);
        thread.setDaemon(true);
    }

    private Worker(int index, EventExecutor loop, long overloadNanos, long sustainNanos, LongSupplier clock) {
        this.index = index;
        this.queue = null;
        this.loop = loop;
        this.thread = null;
        this.overloadNanos = overloadNanos;
        this.sustainNanos = sustainNanos;
        this.clock = clock;
    }

    /**
     * A worker that is {@code loop} itself: messages read there for its Call-IDs are handled where they are read.
     * Overload as for a thread of its own.
     */
    static Worker onEventLoop(int index, EventExecutor loop, long overloadNanos, long sustainNanos,
                              LongSupplier clock) {
        return new Worker(index, loop, overloadNanos, sustainNanos, clock);
    }

    void start() {
        if (thread != null) {
            thread.start();
        }
    }

    public int index() {
        return index;
    }

    @Override
    public void execute(Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("sip-worker-" + index + " stopped");
        }
        if (loop != null) {
            long enqueuedAt = clock.getAsLong();
            loop.execute(() -> runOnLoop(task, enqueuedAt));
            return;
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
        return loop != null ? loop.inEventLoop() : Thread.currentThread() == thread;
    }

    /** How long the task running now (or the latest) waited, or the socket's wait if longer; zero when idle. */
    public long queueDelayNanos() {
        return Math.max(queueDelayNanos, socketBacklog.getAsLong());
    }

    /**
     * True while all the work this worker started for at least the sustain time (1 s by default) had waited longer
     * than the overload bound: the worker is behind and not catching up, so new INVITEs should be shed. One sample
     * over the bound is not enough: a cold JVM's first calls (class loading, invokedynamic bootstraps, JIT) or a GC
     * pause stall a worker once, and the backlog behind such a stall drains in a moment; shedding on it refused calls
     * on a machine that had room for them. Work that waited less than the bound, or the queue running dry, ends the run
     * unless the UDP socket is behind ({@link #watchSocket}). Decided when each task starts, when a message read on an
     * event loop is handled inline, and when the queue runs dry, so within one task every reader sees the same answer.
     * A volatile read.
     */
    public boolean overloaded() {
        return overloaded;
    }

    /** From now on the socket's wait ({@code backlogNanos}, any thread) counts with the queue's. */
    void watchSocket(LongSupplier backlogNanos) {
        socketBacklog = backlogNanos;
    }

    /**
     * On this worker's thread (an event loop): a message read here is handled inline, work that waited in the socket
     * instead of the queue; judged as such, so its INVITE sees the worker as it is now.
     */
    void startedInline() {
        judge(clock.getAsLong(), socketBacklog.getAsLong());
    }

    /** Runs {@code hook} on this worker after each batch, e.g. to flush writes. Register before the first message. */
    public void onEndOfBatch(Runnable hook) {
        if (loop != null) {
            throw new UnsupportedOperationException("an event loop worker flushes per read batch already");
        }
        execute(() -> endOfBatch.add(hook));
    }

    void stop() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    void awaitStopped(long millis) throws InterruptedException {
        if (thread != null) {
            thread.join(millis);
        }
    }

    private void runOnLoop(Runnable task, long enqueuedAt) {
        // Published before the task runs, so the task itself (a new INVITE) sees how long it waited.
        long now = clock.getAsLong();
        long waited = now - enqueuedAt;
        queueDelayNanos = waited;
        judge(now, Math.max(waited, socketBacklog.getAsLong()));
        runSafely(task);
        if (loop instanceof SingleThreadEventExecutor s && s.pendingTasks() == 0) {
            queueDelayNanos = 0; // the task queue ran dry: caught up unless the socket is behind
            judge(clock.getAsLong(), socketBacklog.getAsLong());
        }
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
                judge(now, Math.max(waited, socketBacklog.getAsLong()));
                runSafely(job.task);
                done++;
            }
            if (done > 0) {
                endOfBatch.forEach(this::runSafely);
                continue;
            }
            queueDelayNanos = 0;
            judge(clock.getAsLong(), socketBacklog.getAsLong());
            sleeping = true;
            if (queue.isEmpty() && running) {
                LockSupport.park(this);
            }
            sleeping = false;
        }
    }

    /** Behind while the work started now waited over the bound; overloaded once that lasts the sustain time. */
    private void judge(long now, long waited) {
        if (overloadNanos == 0 || waited <= overloadNanos) {
            behindSince = NOT_BEHIND;
            if (overloaded) {
                overloaded = false;
            }
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

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            // One bad message must not stop the thread that holds thousands of calls.
            Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
            Thread current = Thread.currentThread();
            if (h != null) {
                h.uncaughtException(current, e);
            } else {
                System.getLogger(Worker.class.getName()).log(System.Logger.Level.ERROR,
                        "task failed on " + current.getName(), e);
            }
        }
    }
}
