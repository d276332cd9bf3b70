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

/**
 * What owns the transactions of the Call-IDs that hash to it: either a thread of its own fed by a lock-free MPSC
 * queue, or a transport event loop ({@link #onEventLoop}), which then runs the work of the messages it reads inline,
 * with no hand-off, no wake-up and no second thread touching the socket. Work runs in batches; end-of-batch hooks
 * run once the queue is drained or a batch reaches its cap (own thread only). How long work waited is kept as a cheap
 * read for overload control: on an event loop that is the wait of tasks handed to it, or how long datagrams wait in
 * its socket ({@link #socketWait}), whichever is longer.
 */
public final class Worker implements Executor {
    private static final int MAX_BATCH = 1024;

    private final Queue<Job> queue;
    private final List<Runnable> endOfBatch = new ArrayList<>();
    private final Thread thread;
    private final EventExecutor loop;
    private final int index;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    /** How long the latest task waited, zero once the queue runs dry, so an idle worker never looks overloaded. */
    private volatile long queueDelayNanos;
    /** Event loop only: how long datagrams waited in its socket, as last measured. */
    private volatile long socketWaitNanos;

    private record Job(Runnable task, long enqueuedAt) {
    }

    Worker(int index) {
        this.index = index;
        this.queue = PlatformDependent.newMpscQueue();
        this.loop = null;
        this.thread = new Thread(this::run, "sip-worker-" + index);
        thread.setDaemon(true);
    }

    private Worker(int index, EventExecutor loop) {
        this.index = index;
        this.queue = null;
        this.loop = loop;
        this.thread = null;
    }

    /** A worker that is {@code loop} itself: messages read there for its Call-IDs are handled where they are read. */
    static Worker onEventLoop(int index, EventExecutor loop) {
        return new Worker(index, loop);
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
            long enqueuedAt = System.nanoTime();
            loop.execute(() -> {
                queueDelayNanos = System.nanoTime() - enqueuedAt;
                runSafely(task);
                if (loop instanceof SingleThreadEventExecutor s && s.pendingTasks() == 0) {
                    queueDelayNanos = 0; // ran dry: an idle loop never looks overloaded
                }
            });
            return;
        }
        queue.offer(new Job(task, System.nanoTime()));
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

    /** How long the task running now (or the latest) waited; zero when idle. Volatile reads. */
    public long queueDelayNanos() {
        return Math.max(queueDelayNanos, socketWaitNanos);
    }

    /** From the event loop: how long a datagram waited in its socket, the queue of the work it does inline. */
    void socketWait(long nanos) {
        socketWaitNanos = nanos;
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

    private void run() {
        while (running) {
            int done = 0;
            Job job;
            while (done < MAX_BATCH && (job = queue.poll()) != null) {
                // Published before the task runs, so the task itself (a new INVITE) sees how long it waited.
                queueDelayNanos = System.nanoTime() - job.enqueuedAt;
                runSafely(job.task);
                done++;
            }
            if (done > 0) {
                endOfBatch.forEach(this::runSafely);
                continue;
            }
            queueDelayNanos = 0;
            sleeping = true;
            if (queue.isEmpty() && running) {
                LockSupport.park(this);
            }
            sleeping = false;
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
