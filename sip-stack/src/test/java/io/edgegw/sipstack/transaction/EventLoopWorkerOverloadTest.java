package io.edgegw.sipstack.transaction;

import io.netty.channel.DefaultEventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sustained overload rule on a worker that is an event loop ({@link Workers#onEventLoops}): the cases of
 * {@link WorkerOverloadTest} for the work handed to the loop, and the same rule with the UDP socket's wait, where the
 * messages the loop handles inline wait ({@link Worker#watchSocket}, here a value the test sets).
 */
class EventLoopWorkerOverloadTest extends WorkerOverloadTest {
    private List<DefaultEventLoop> loops;
    /** The socket's wait as the probe would tell it. */
    private final AtomicLong backlog = new AtomicLong();

    @Override
    Worker newWorker(int index, long bound, long sustain) {
        if (loops == null) {
            loops = new CopyOnWriteArrayList<>();
        }
        DefaultEventLoop loop = new DefaultEventLoop();
        loops.add(loop);
        return Worker.onEventLoop(index, loop, bound, sustain, clock::get);
    }

    @AfterEach
    void stopLoops() {
        loops.forEach(l -> l.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }

    @Test
    void aSocketBehindForTheSustainTimeIsOverloadWhileHandedWorkRunsOnTime() throws Exception {
        worker.watchSocket(backlog::get);
        backlog.set(300 * MS); // the messages read inline are 300 ms behind
        worker.execute(this::record); // handed work waited nothing, yet the socket is behind: the run starts
        await().until(() -> seen.size() == 1);
        clock.addAndGet(1_100 * MS);
        worker.execute(this::record);
        await().until(() -> seen.size() == 2);
        assertEquals(List.of(false, true), seen);

        backlog.set(0); // the socket caught up: the next task ends the run
        worker.execute(this::record);
        await().until(() -> seen.size() == 3);
        assertEquals(false, seen.get(2));
    }

    @Test
    void theTaskQueueRunningDryDoesNotEndARunWhileTheSocketIsBehind() throws Exception {
        worker.watchSocket(backlog::get);
        CountDownLatch release = hold();
        worker.execute(() -> { // waited behind the held task: starts the run, then takes 1.1 s
            clock.addAndGet(1_100 * MS);
            backlog.set(1_100 * MS); // meanwhile the socket filled up
        });
        clock.addAndGet(300 * MS);
        release.countDown();
        await().until(() -> worker.queueDelayNanos() == 1_100 * MS); // the task queue ran dry, the socket did not
        inline();
        assertEquals(List.of(true), seen, "behind without a break for 1.1 s: the backlog's INVITEs are shed");
    }

    @Test
    void aMessageReadInlineIsJudgedWithTheSocketsWait() throws Exception {
        worker.watchSocket(backlog::get);
        backlog.set(250 * MS);
        inline(); // the run starts
        clock.addAndGet(1_000 * MS);
        inline(); // still behind a second later: overloaded
        backlog.set(0);
        inline(); // the socket is caught up
        assertEquals(List.of(false, true, false), seen);
    }

    @Test
    void aSocketThatCatchesUpAfterOneStallDoesNotShed() throws Exception {
        worker.watchSocket(backlog::get);
        backlog.set(5_000 * MS); // one stall left 5 s of datagrams
        inline();
        clock.addAndGet(20 * MS);
        backlog.set(0); // read through in 20 ms
        inline();
        assertEquals(List.of(false, false), seen);
    }

    /** A message read on the loop and handled there, as the transaction layer does; it records what it saw. */
    private void inline() throws Exception {
        loops.get(0).submit(() -> {
            worker.startedInline();
            record();
        }).get(10, TimeUnit.SECONDS);
    }
}
