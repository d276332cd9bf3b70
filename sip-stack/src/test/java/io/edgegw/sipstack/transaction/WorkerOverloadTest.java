package io.edgegw.sipstack.transaction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Worker#overloaded()}: a worker is overloaded only when its work keeps waiting over the bound for the sustain
 * time, not when one stall (a cold JVM's first call, a GC pause) made a backlog that then drains. Driven by a fake
 * clock and tasks held on latches, so what each task sees is decided by the test, not by the machine's speed.
 */
class WorkerOverloadTest {
    static final long MS = 1_000_000;
    static final long BOUND = 200 * MS;
    static final long SUSTAIN = 1_000 * MS;

    final AtomicLong clock = new AtomicLong(1_000 * MS);
    final Worker worker = newWorker(0, BOUND, SUSTAIN);
    /** What each task saw when it ran, in order. */
    final List<Boolean> seen = new CopyOnWriteArrayList<>();

    /** A worker with a thread of its own; {@link EventLoopWorkerOverloadTest} runs the same cases on an event loop. */
    Worker newWorker(int index, long bound, long sustain) {
        return new Worker(index, bound, sustain, clock::get);
    }

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
        worker.awaitStopped(1_000);
    }

    @Test
    void aBacklogLeftByOneStallDrainsWithoutShedding() throws Exception {
        worker.start();
        CountDownLatch release = hold();
        for (int i = 0; i < 20; i++) {
            worker.execute(this::record);
        }
        clock.addAndGet(5_000 * MS); // the stall: every queued task has waited 5 s, far past the bound
        release.countDown();

        await().until(() -> seen.size() == 20);
        assertEquals(List.of(), seen.stream().filter(b -> b).toList(), "no task saw the worker overloaded");
    }

    @Test
    void workKeptWaitingOverTheBoundForTheSustainTimeIsOverloadAndTheWorkerRecoversOnceItCatchesUp()
            throws Exception {
        worker.start();
        CountDownLatch release = hold();
        // the first task after the stall starts the run of late work and takes 1.2 s, while more work waits
        worker.execute(() -> {
            record();
            clock.addAndGet(1_200 * MS);
        });
        for (int i = 0; i < 10; i++) {
            worker.execute(this::record);
        }
        clock.addAndGet(300 * MS);
        release.countDown();
        await().until(() -> seen.size() == 11);
        assertEquals(1, seen.stream().filter(b -> !b).count(), "only the first late task found the worker not yet "
                + "overloaded: " + seen);

        // the queue ran dry: caught up, the next task (which waited nothing) finds it not overloaded
        await().until(() -> worker.queueDelayNanos() == 0);
        worker.execute(this::record);
        await().until(() -> seen.size() == 12);
        assertEquals(false, seen.get(11));
    }

    @Test
    void oneTaskThatWaitedUnderTheBoundEndsTheRun() throws Exception {
        worker.start();
        CountDownLatch release = hold();
        worker.execute(this::record); // late: it starts a run of late work
        clock.addAndGet(1_000 * MS);
        worker.execute(() -> { // on time (it waits nothing on the fake clock), then takes 1.5 s
            record();
            clock.addAndGet(1_500 * MS);
        });
        worker.execute(this::record); // late again, 1.5 s after the first one started
        release.countDown();

        await().until(() -> seen.size() == 3);
        // without the on-time task between them the third would find 1.5 s of unbroken late work: overload
        assertEquals(List.of(false, false, false), seen);
    }

    @Test
    void aWorkerWithNoBoundIsNeverOverloaded() throws Exception {
        Worker unbounded = newWorker(1, 0, 0);
        unbounded.start();
        try {
            CountDownLatch release = new CountDownLatch(1);
            unbounded.execute(() -> awaitQuietly(release));
            unbounded.execute(() -> seen.add(unbounded.overloaded()));
            clock.addAndGet(60_000 * MS);
            release.countDown();
            await().until(() -> seen.size() == 1);
            assertEquals(List.of(false), seen);
        } finally {
            unbounded.stop();
            unbounded.awaitStopped(1_000);
        }
    }

    void record() {
        seen.add(worker.overloaded());
    }

    /** Holds the worker in a task until the returned latch opens; returns once the worker is held. */
    CountDownLatch hold() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        worker.execute(() -> {
            held.countDown();
            awaitQuietly(release);
        });
        assertTrue(held.await(10, TimeUnit.SECONDS));
        return release;
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
