package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipRequest;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;

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
    void overloadedWorkerAnswersNewInvites503ButKeepsExistingTransactions() {
        try (Harness h = new Harness(Harness.config().withWorkers(1).withOverloadDelay(50))) {
            Wire caller = Wire.udp();
            h.tu.answer = tx -> tx.respond(Response.RINGING);
            SipRequest invite = Harness.invite("c1", "z9hG4bK-i1");
            h.deliver(invite, caller);
            await().until(() -> h.tu.requests.size() == 1);
            // Hold the worker so the work queued behind waits longer than the 50 ms bound.
            Worker w = h.layer.workerFor(invite);
            w.execute(() -> {
                long until = System.nanoTime() + 200_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            h.deliver(Harness.invite("c2", "z9hG4bK-i2"), caller);
            h.deliver(invite, caller);
            await().until(() -> caller.responses(Response.SERVICE_UNAVAILABLE) == 1);
            await().until(() -> caller.responses(Response.RINGING) == 2);
            assertEquals(1, h.tu.requests.size());
        }
    }
}
