package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InviteClientTransactionTest {
    private final Harness h = new Harness();
    private final Wire callee = Wire.udp();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void unansweredInviteIsRetransmittedByTimerAUntilTimerB() {
        ClientTransaction<SipMessage> tx = h.send(Harness.invite("c1", "z9hG4bK-c1"), callee);
        await().until(() -> h.tu.timeouts.contains(tx));
        // A at T1, 3T1, 7T1, 15T1, 31T1, 63T1 (doubling, no cap), then B at 64T1.
        assertEquals(7, callee.requests(Request.INVITE));
        assertEquals(0, h.layer.clientTransactions());
    }

    @Test
    void provisionalStopsRetransmissionsAndReachesTheTu() {
        SipRequest invite = Harness.invite("c1", "z9hG4bK-c1");
        ClientTransaction<SipMessage> tx = h.send(invite, callee);
        h.deliver(Harness.answer(invite, Response.RINGING), callee);
        await().until(() -> h.tu.responses.size() == 1);
        long sent = callee.requests(Request.INVITE);
        assertEquals(TransactionState.PROCEEDING, h.onWorker(invite, tx::state));
        h.deliver(Harness.answer(invite, Response.OK), callee);
        await().until(() -> h.tu.terminated.contains(tx));
        assertEquals(sent, callee.requests(Request.INVITE), "no retransmission after a provisional");
        assertEquals(List.of(Response.RINGING, Response.OK), h.tu.statuses());
    }

    @Test
    void non2xxFinalIsAckedHopByHopAndItsRetransmissionsAbsorbed() {
        SipRequest invite = Harness.invite("c1", "z9hG4bK-c1");
        ClientTransaction<SipMessage> tx = h.send(invite, callee);
        h.deliver(Harness.answer(invite, Response.BUSY_HERE), callee);
        h.deliver(Harness.answer(invite, Response.BUSY_HERE), callee);
        await().until(() -> callee.requests(Request.ACK) == 2);
        SipRequest ack = callee.requestsOf(Request.ACK).get(0);
        assertEquals("z9hG4bK-c1", ack.topVia().branch(), "the ACK for a non-2xx is in the INVITE's transaction");
        assertEquals("b1", ack.to().tag());
        assertEquals(List.of(Response.BUSY_HERE), h.tu.statuses(), "the TU sees the final once");
        assertEquals(TransactionState.COMPLETED, h.onWorker(invite, tx::state));
        await().until(() -> h.tu.terminated.contains(tx));
        assertTrue(h.tu.timeouts.isEmpty());
    }

    @Test
    void every2xxRetransmissionIsPassedToTheTuUntilTimerM() {
        SipRequest invite = Harness.invite("c1", "z9hG4bK-c1");
        ClientTransaction<SipMessage> tx = h.send(invite, callee);
        h.deliver(Harness.answer(invite, Response.OK), callee);
        h.deliver(Harness.answer(invite, Response.OK), callee);
        await().until(() -> h.tu.responses.size() == 2);
        assertEquals(TransactionState.ACCEPTED, h.onWorker(invite, tx::state));
        assertEquals(0, callee.requests(Request.ACK), "the ACK for a 2xx is the TU's");
        await().until(() -> h.tu.terminated.contains(tx));
        h.deliver(Harness.answer(invite, Response.OK), callee);
        await().until(() -> h.tu.strays.size() == 1);
    }

    @Test
    void cancelBeforeAnyProvisionalWaitsForOneThenGoesAsItsOwnTransaction() {
        SipRequest invite = Harness.invite("c1", "z9hG4bK-c1");
        ClientTransaction<SipMessage> tx = h.send(invite, callee);
        h.onWorker(tx, tx::cancel);
        assertEquals(0, callee.requests(Request.CANCEL), "RFC 3261 9.1: no CANCEL before a provisional");
        h.deliver(Harness.answer(invite, Response.RINGING), callee);
        await().until(() -> callee.requests(Request.CANCEL) >= 1);
        SipRequest cancel = callee.requestsOf(Request.CANCEL).get(0);
        assertEquals("z9hG4bK-c1", cancel.topVia().branch());

        h.deliver(Harness.answer(cancel, Response.OK), callee);
        h.deliver(Harness.answer(invite, Response.REQUEST_TERMINATED), callee);
        await().until(() -> h.tu.responses.size() == 3);
        assertEquals(List.of(Response.RINGING, Response.OK, Response.REQUEST_TERMINATED), h.tu.statuses());
        assertEquals(1, callee.requests(Request.ACK), "the 487 is ACKed");
    }

    @Test
    void responseMatchingNoTransactionIsStray() {
        h.deliver(Harness.answer(Harness.invite("c9", "z9hG4bK-nobody"), Response.OK), callee);
        await().until(() -> h.tu.strays.size() == 1);
        assertTrue(h.tu.responses.isEmpty());
    }
}
