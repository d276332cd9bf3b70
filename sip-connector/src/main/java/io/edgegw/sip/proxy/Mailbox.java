package io.edgegw.sip.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call's events, run one at a time in the order they came, without a lock (as Netty orders a channel's events):
 * the thread that finds the mailbox idle runs its event and any that arrive meanwhile from other threads; the others
 * only enqueue theirs and return. So the SIP listener's thread and the timer thread never wait for each other, and an
 * event sees everything the events before it did (the queue and the counter publish it).
 */
final class Mailbox {
    private static final Logger LOG = LoggerFactory.getLogger(Mailbox.class);

    private final ConcurrentLinkedQueue<Runnable> events = new ConcurrentLinkedQueue<>();
    /** Events enqueued and not yet run; whoever raises it from 0 runs them. */
    private final AtomicInteger pending = new AtomicInteger();

    /** Runs {@code event} now on this thread, or after the events before it on the thread already running them. */
    void run(Runnable event) {
        events.offer(event);
        if (pending.getAndIncrement() != 0) {
            return;
        }
        do {
            Runnable next = events.poll();
            try {
                next.run();
            } catch (RuntimeException e) { // one event's failure must not strand the ones behind it
                LOG.warn("call event failed: {}", e.toString());
            }
        } while (pending.decrementAndGet() != 0);
    }
}
