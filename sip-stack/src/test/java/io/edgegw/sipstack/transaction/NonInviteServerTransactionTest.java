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

class NonInviteServerTransactionTest {
    private final Harness h = new Harness();
    private final Wire caller = Wire.udp();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void retransmissionInTryingIsAbsorbedAndInCompletedAnsweredWithTheFinal() {
        SipRequest bye = Harness.request(Request.BYE, "c1", "z9hG4bK-b1", 2);
        h.deliver(bye, caller);
        await().until(() -> h.tu.requests.size() == 1);
        ServerTransaction<SipMessage> tx = h.tu.requests.peek();
        h.deliver(bye, caller);
        assertEquals(TransactionState.TRYING, h.onWorker(bye, tx::state));
        assertEquals(0, caller.sent().size(), "nothing to answer a retransmission with yet");

        h.onWorker(tx, () -> tx.respond(Response.OK));
        h.deliver(bye, caller);
        await().until(() -> caller.responses(Response.OK) == 2);
        assertEquals(1, h.tu.requests.size());
        await().until(() -> h.tu.terminated.contains(tx));
        assertEquals(0, h.layer.serverTransactions(), "Timer J took it out of the table");
    }

    @Test
    void cancelMatchingAProceedingInviteIsAnswered200AndToldToTheTu() {
        h.tu.answer = tx -> {
            if (tx.method().equals(Request.INVITE)) {
                tx.respond(Response.RINGING);
            }
        };
        SipRequest invite = Harness.invite("c1", "z9hG4bK-i1");
        h.deliver(invite, caller);
        await().until(() -> caller.responses(Response.RINGING) == 1);
        SipRequest cancel = Harness.request(Request.CANCEL, "c1", "z9hG4bK-i1", 1);
        h.deliver(cancel, caller);
        await().until(() -> h.tu.cancelled.size() == 1);
        ServerTransaction<SipMessage> invited = h.tu.cancelled.peek();
        h.onWorker(invited, () -> invited.respond(Response.REQUEST_TERMINATED));
        h.deliver(cancel, caller);

        await().until(() -> caller.responses(Response.OK) == 2);
        assertEquals(1, h.tu.cancelled.size(), "a retransmitted CANCEL is answered below the TU");
        assertEquals(1, h.tu.requests.size(), "the CANCEL is no new request for the TU");
        assertTrue(caller.responses(Response.REQUEST_TERMINATED) >= 1, "the INVITE ends 487 (Timer G repeats it)");
    }

    @Test
    void cancelMatchingNoInviteIsAnswered481() {
        h.deliver(Harness.request(Request.CANCEL, "c1", "z9hG4bK-none", 1), caller);
        await().until(() -> caller.responses(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST) == 1);
        assertTrue(h.tu.cancelled.isEmpty());
        assertTrue(h.tu.requests.isEmpty());
    }

    @Test
    void requestWithoutTheRfc3261CookieIsRefused400() {
        h.deliver(Harness.request(Request.OPTIONS, "c1", "oldstyle1", 1), caller);
        await().until(() -> caller.responses(Response.BAD_REQUEST) == 1);
        assertTrue(h.tu.requests.isEmpty());
        assertEquals(0, h.layer.serverTransactions());
    }
}
