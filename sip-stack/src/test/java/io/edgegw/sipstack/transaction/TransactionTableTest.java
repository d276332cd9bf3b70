package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipRequest;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionTableTest {
    @Test
    void pastTheServerCapNewRequestsAre503StatelessAndEntriesLeaveOnTheirTimers() {
        try (Harness h = new Harness(Harness.config().withWorkers(1).withCaps(3, 3))) {
            Wire caller = Wire.udp();
            h.tu.answer = tx -> tx.respond(Response.OK);
            for (int i = 0; i < 5; i++) {
                h.deliver(Harness.request(Request.OPTIONS, "c" + i, "z9hG4bK-o" + i, 1), caller);
            }
            await().until(() -> caller.sent().size() == 5);
            assertEquals(3, h.tu.requests.size());
            assertEquals(2, caller.responses(Response.SERVICE_UNAVAILABLE));

            await().until(() -> h.layer.serverTransactions() == 0);
            h.deliver(Harness.request(Request.OPTIONS, "c9", "z9hG4bK-o9", 1), caller);
            await().until(() -> h.tu.requests.size() == 4);
        }
    }

    /**
     * INVITEs and the rest are bounded apart: INVITEs at their cap (a flood, or a burst of calls ringing) leave room
     * for the BYEs that end calls in progress, which used to get 503 and leave those calls holding their places.
     */
    @Test
    void invitesAtTheServerCapLeaveRoomForByesAndTheOtherWayRound() {
        try (Harness h = new Harness(Harness.config().withWorkers(1).withCaps(3, 3))) {
            Wire caller = Wire.udp();
            h.tu.answer = tx -> tx.respond(Request.INVITE.equals(((SipRequest) tx.request()).method())
                    ? Response.RINGING : Response.TRYING); // each stays open, holding its place
            for (int i = 0; i < 4; i++) {
                h.deliver(Harness.invite("i" + i, "z9hG4bK-i" + i), caller);
            }
            await().until(() -> caller.sent().size() == 4);
            assertEquals(1, caller.responses(Response.SERVICE_UNAVAILABLE), "the fourth INVITE");

            for (int i = 0; i < 4; i++) {
                h.deliver(Harness.request(Request.BYE, "b" + i, "z9hG4bK-b" + i, 2), caller);
            }
            await().until(() -> caller.sent().size() == 8);
            assertEquals(6, h.tu.requests.size(), "3 INVITEs and 3 BYEs taken");
            assertEquals(2, caller.responses(Response.SERVICE_UNAVAILABLE), "the fourth BYE only");
            assertEquals(3, caller.responses(Response.TRYING));
        }
        // and the other way round: junk non-INVITEs at their cap refuse no new call
        try (Harness h = new Harness(Harness.config().withWorkers(1).withCaps(3, 3))) {
            Wire caller = Wire.udp();
            h.tu.answer = tx -> tx.respond(Request.INVITE.equals(((SipRequest) tx.request()).method())
                    ? Response.RINGING : Response.TRYING);
            for (int i = 0; i < 4; i++) {
                h.deliver(Harness.request(Request.OPTIONS, "o" + i, "z9hG4bK-o" + i, 1), caller);
            }
            await().until(() -> caller.sent().size() == 4);
            h.deliver(Harness.invite("i0", "z9hG4bK-i0"), caller);
            await().until(() -> caller.responses(Response.RINGING) == 1);
            assertEquals(1, caller.responses(Response.SERVICE_UNAVAILABLE), "the fourth OPTIONS only");
        }
    }

    @Test
    void pastTheClientCapNoTransactionIsCreated() {
        try (Harness h = new Harness(Harness.config().withWorkers(1).withCaps(1, 1))) {
            Wire peer = Wire.udp();
            SipRequest first = Harness.request(Request.OPTIONS, "c1", "z9hG4bK-1", 1);
            SipRequest second = Harness.request(Request.OPTIONS, "c2", "z9hG4bK-2", 1);
            h.send(first, peer);
            assertTrue(h.onWorker(second, () -> h.layer.send(second, peer)).isEmpty());
            await().until(() -> h.layer.clientTransactions() == 0);
            assertTrue(h.onWorker(second, () -> h.layer.send(second, peer)).isPresent());
        }
    }

    @Test
    void aWorkerBehindForTheSustainTimeAnswersNewInvites503ButKeepsExistingTransactions() throws Exception {
        // bound 50 ms, sustain 100 ms: the worker is made late for longer than both, by tasks that spin at least
        // that long (lower bounds only, so a slow machine makes the overload longer, never shorter)
        try (Harness h = new Harness(Harness.config().withWorkers(1).withOverload(50, 100))) {
            Wire caller = Wire.udp();
            h.tu.answer = tx -> tx.respond(Response.RINGING);
            SipRequest invite = Harness.invite("c1", "z9hG4bK-i1");
            h.deliver(invite, caller);
            await().until(() -> h.tu.requests.size() == 1);

            Worker w = h.layer.workerFor(invite);
            CountDownLatch queued = new CountDownLatch(1);
            AtomicLong queuedAt = new AtomicLong();
            w.execute(() -> { // holds the worker until the work behind it has waited past the bound
                awaitQuietly(queued);
                spinUntil(queuedAt.get() + TimeUnit.MILLISECONDS.toNanos(60));
            });
            // late itself, then busy past the sustain time while the INVITEs behind it wait: sustained overload
            w.execute(() -> spinUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(110)));
            h.deliver(Harness.invite("c2", "z9hG4bK-i2"), caller);
            h.deliver(invite, caller);
            queuedAt.set(System.nanoTime());
            queued.countDown();

            await().until(() -> caller.responses(Response.SERVICE_UNAVAILABLE) == 1);
            await().until(() -> caller.responses(Response.RINGING) == 2); // the retransmission, absorbed
            assertEquals(1, h.tu.requests.size());
        }
    }

    @Test
    void invitesQueuedBehindOneStallPastTheBoundAreStillTaken() throws Exception {
        // the bound is passed by every INVITE here, once: a cold start's or a GC pause's stall, not overload
        try (Harness h = new Harness(Harness.config().withWorkers(1).withOverloadDelay(50))) {
            Wire caller = Wire.udp();
            h.tu.answer = tx -> tx.respond(Response.RINGING);
            Worker w = h.layer.workerFor(Harness.invite("s0", "z9hG4bK-s0"));
            CountDownLatch queued = new CountDownLatch(1);
            AtomicLong queuedAt = new AtomicLong();
            w.execute(() -> {
                awaitQuietly(queued);
                spinUntil(queuedAt.get() + TimeUnit.MILLISECONDS.toNanos(60));
            });
            for (int i = 0; i < 5; i++) {
                h.deliver(Harness.invite("s" + i, "z9hG4bK-s" + i), caller);
            }
            queuedAt.set(System.nanoTime());
            queued.countDown();

            await().until(() -> caller.responses(Response.RINGING) == 5);
            assertEquals(0, caller.responses(Response.SERVICE_UNAVAILABLE));
            assertEquals(5, h.tu.requests.size());
        }
    }

    private static void spinUntil(long nanoTime) {
        while (System.nanoTime() < nanoTime) {
            Thread.onSpinWait(); // work that takes this long
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
