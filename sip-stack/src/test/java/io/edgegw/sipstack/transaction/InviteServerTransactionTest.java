package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import javax.sip.message.Response;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InviteServerTransactionTest {
    private final Harness h = new Harness();
    private final Wire caller = Wire.udp();

    @AfterEach
    void close() {
        h.close();
    }

    private ServerTransaction<SipMessage> received(SipRequest invite) {
        h.deliver(invite, caller);
        await().until(() -> h.tu.requests.size() == 1);
        return h.tu.requests.peek();
    }

    @Test
    void retransmittedInviteIsAbsorbedWithTheLastProvisional() {
        h.tu.answer = tx -> tx.respond(Response.RINGING);
        SipRequest invite = Harness.invite("c1", "z9hG4bK-s1");
        ServerTransaction<SipMessage> tx = received(invite);
        h.deliver(invite, caller);
        h.deliver(invite, caller);

        await().until(() -> caller.responses(Response.RINGING) == 3);
        assertEquals(1, h.tu.requests.size(), "the TU sees the INVITE once");
        assertEquals(TransactionState.PROCEEDING, h.onWorker(invite, tx::state));
    }

    @Test
    void trying100IsSentOnceAndNotAfterAnotherResponse() {
        h.tu.answer = tx -> {
            tx.trying();
            tx.respond(Response.RINGING);
            tx.trying();
        };
        received(Harness.invite("c1", "z9hG4bK-s1"));
        await().until(() -> caller.responses(Response.RINGING) == 1);
        assertEquals(1, caller.responses(Response.TRYING));
    }

    @Test
    void finalNon2xxIsRetransmittedByTimerGUntilTimerHEndsTheTransaction() {
        h.tu.answer = tx -> tx.respond(Response.BUSY_HERE);
        received(Harness.invite("c1", "z9hG4bK-s1"));

        await().until(() -> h.tu.ackTimeouts.size() == 1);
        // G at T1, 3T1, then every T2 (4T1) from 7T1 to 63T1: 17 retransmissions before H at 64T1.
        assertEquals(18, caller.responses(Response.BUSY_HERE));
        assertEquals(0, h.layer.serverTransactions());
        assertEquals(TransactionState.TERMINATED, h.tu.ackTimeouts.peek().state());
    }

    @Test
    void ackForNon2xxConfirmsStopsRetransmissionsAndIsNotPassedUp() {
        h.tu.answer = tx -> tx.respond(Response.BUSY_HERE);
        SipRequest invite = Harness.invite("c1", "z9hG4bK-s1");
        ServerTransaction<SipMessage> tx = received(invite);
        await().until(() -> caller.responses(Response.BUSY_HERE) >= 1);
        SipRequest ack = Harness.request(Request.ACK, "c1", "z9hG4bK-s1", 1);
        h.deliver(ack, caller);
        assertEquals(TransactionState.CONFIRMED, h.onWorker(invite, tx::state));
        long sentWhenConfirmed = caller.responses(Response.BUSY_HERE);
        h.deliver(ack, caller);

        await().until(() -> h.tu.terminated.contains(tx));
        assertEquals(sentWhenConfirmed, caller.responses(Response.BUSY_HERE), "no retransmission once confirmed");
        assertTrue(h.tu.acks.isEmpty(), "the ACK for a non-2xx stays in the transaction");
        assertTrue(h.tu.ackTimeouts.isEmpty());
    }

    @Test
    void after2xxInviteRetransmissionsAreAbsorbedAndTheTusRetransmissionsPass() {
        h.tu.answer = tx -> tx.respond(Response.OK);
        SipRequest invite = Harness.invite("c1", "z9hG4bK-s1");
        ServerTransaction<SipMessage> tx = received(invite);
        await().until(() -> caller.responses(Response.OK) == 1);
        h.deliver(invite, caller);
        h.onWorker(tx, () -> tx.respond(Response.OK));
        await().until(() -> caller.responses(Response.OK) == 2);
        assertEquals(TransactionState.ACCEPTED, h.onWorker(invite, tx::state));
        assertEquals(1, h.tu.requests.size());
        h.onWorker(tx, () -> tx.respond(Response.BUSY_HERE));

        SipRequest ack = Harness.request(Request.ACK, "c1", "z9hG4bK-a2", 1);
        h.deliver(ack, caller);
        await().until(() -> h.tu.acks.size() == 1);
        await().until(() -> h.tu.terminated.contains(tx));
        assertEquals(2, caller.responses(Response.OK));
        assertEquals(0, caller.responses(Response.BUSY_HERE), "no non-2xx after a 2xx");
    }

    @Test
    void responsesOfOneTransactionShareOneToTag() {
        h.tu.answer = tx -> {
            tx.respond(Response.RINGING);
            tx.respond(Response.OK);
        };
        received(Harness.invite("c1", "z9hG4bK-s1"));
        await().until(() -> caller.sent().size() == 2);
        assertEquals(caller.sent().get(0).to().tag(), caller.sent().get(1).to().tag());
    }

    @Test
    void reliableTransportSendsTheFinalOnceAndEndsOnAckAtOnce() {
        Wire tcp = Wire.tcp();
        h.tu.answer = tx -> tx.respond(Response.BUSY_HERE);
        SipRequest invite = Harness.invite("c1", "z9hG4bK-s1");
        h.deliver(invite, tcp);
        await().until(() -> tcp.responses(Response.BUSY_HERE) == 1);
        await().until(() -> h.tu.ackTimeouts.size() == 1);
        assertEquals(1, tcp.responses(Response.BUSY_HERE), "no Timer G over TCP");
    }
}
