package io.edgegw.sip.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A call's mailbox runs events from many threads one at a time, each once, in each thread's order. */
@Timeout(60)
class MailboxTest {
    private static final int THREADS = 4;
    private static final int EVENTS = 50_000;

    private int runs; // plain on purpose: only the mailbox keeps it consistent
    private final int[] lastOfThread = new int[THREADS];

    @Test
    void eventsFromManyThreadsRunOneAtATimeEachOnceInEachThreadsOrder() throws Exception {
        Mailbox mailbox = new Mailbox();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger outOfOrder = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 1; i <= EVENTS; i++) {
                    int seq = i;
                    mailbox.run(() -> {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        runs++;
                        if (lastOfThread[thread] != seq - 1) {
                            outOfOrder.incrementAndGet();
                        }
                        lastOfThread[thread] = seq;
                        inside.decrementAndGet();
                    });
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, overlaps.get(), "events overlapped");
        assertEquals(0, outOfOrder.get(), "a thread's events ran out of order");
        assertEquals(THREADS * EVENTS, runs);
    }

    @Test
    void aFailingEventDoesNotStrandTheOnesBehindIt() {
        Mailbox mailbox = new Mailbox();
        AtomicInteger ran = new AtomicInteger();
        mailbox.run(() -> {
            mailbox.run(ran::incrementAndGet); // queued behind this one
            throw new IllegalStateException("boom");
        });
        mailbox.run(ran::incrementAndGet);
        assertEquals(2, ran.get());
    }
}
