package io.edgegw.sip.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A tenant's pacing queue: an INVITE over its calls per second waits here, first in first out, until the rate lets
 * it through or {@code callQueueMillis} has passed, then it is refused. At most a rate's worth of that time waits.
 * No thread waits: one timer task (the pacer) at a time takes calls off the head, armed by whoever finds it
 * unarmed; INVITEs are offered from the workers; a call's start runs on its own worker. No lock: a lock-free queue and atomics.
 */
final class CallQueue {
    private static final Logger LOG = LoggerFactory.getLogger(CallQueue.class);
    /** However long the queue, no more than this many INVITEs wait for one tenant. */
    static final int MAX_WAITING = 10_000;

    private record Waiting(Call call, long deadlineNanos) {
    }

    private final String tenant;
    private final CallLimit limit;
    private final long waitNanos;
    private final int maxWaiting;
    private final long intervalNanos;
    private final Calls calls;
    private final Consumer<Call> overRate;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean pacerArmed = new AtomicBoolean();

    /**
     * @param perSecond the tenant's calls per second (0 = no limit: nothing ever waits)
     * @param waitMillis longest an INVITE waits (0 = none waits: over the rate is refused at once)
     * @param overRate   answers a call that cannot wait (any thread)
     */
    CallQueue(String tenant, CallLimit limit, int perSecond, int waitMillis, Calls calls, Consumer<Call> overRate) {
        this.tenant = tenant;
        this.limit = limit;
        this.waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        this.maxWaiting = perSecond <= 0 || waitMillis <= 0 ? 0
                : (int) Math.max(1, Math.min(MAX_WAITING, (long) perSecond * waitMillis / 1000));
        this.intervalNanos = perSecond <= 0 ? 0 : Math.max(1, 1_000_000_000L / perSecond);
        this.calls = calls;
        this.overRate = overRate;
    }

    /** Starts the call now if nothing waits and the rate allows, else queues it, else refuses it. */
    void offer(Call call) {
        long now = System.nanoTime();
        if (waiting.isEmpty() && limit.takeRate(now)) {
            call.start();
            return;
        }
        if (size.incrementAndGet() > maxWaiting) {
            size.decrementAndGet();
            overRate.accept(call);
            return;
        }
        waiting.offer(new Waiting(call, now + waitNanos));
        arm(intervalNanos);
    }

    /** INVITEs waiting now, those cancelled but not yet reached included. */
    int waiting() {
        return size.get();
    }

    private void arm(long delayNanos) {
        if (pacerArmed.compareAndSet(false, true)) {
            calls.timer.schedule(this::pace, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The pacer: only ever one running (the armed flag), on the timer thread. */
    private void pace() {
        while (true) {
            Waiting head = waiting.peek();
            if (head == null) {
                pacerArmed.set(false);
                if (waiting.isEmpty() || !pacerArmed.compareAndSet(false, true)) {
                    return; // an offer racing this one armed it again, or nothing is left
                }
                continue;
            }
            long now = System.nanoTime();
            if (!head.call.isWaiting()) {
                take(); // cancelled by its caller while it waited: it needs no turn
            } else if (limit.takeRate(now)) {
                take();
                calls.metrics.paced(tenant);
                run(head.call::start);
            } else if (now - head.deadlineNanos >= 0) {
                take();
                run(() -> overRate.accept(head.call));
            } else {
                long untilDeadline = head.deadlineNanos - now;
                calls.timer.schedule(this::pace, Math.min(intervalNanos, untilDeadline), TimeUnit.NANOSECONDS);
                return; // stays armed
            }
        }
    }

    /** A call's trouble must not stop the pacer: it would stay armed, and the queue would never move again. */
    private void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: {}", this, e.toString());
        }
    }

    private void take() {
        waiting.poll();
        size.decrementAndGet();
    }

    @Override
    public String toString() {
        return "call queue of tenant " + tenant;
    }
}
