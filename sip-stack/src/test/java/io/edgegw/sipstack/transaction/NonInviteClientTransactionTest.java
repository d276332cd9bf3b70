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

class NonInviteClientTransactionTest {
    private final Harness h = new Harness();
    private final Wire peer = Wire.udp();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void unansweredRequestIsRetransmittedByTimerEDoublingToT2UntilTimerF() {
        ClientTransaction<SipMessage> tx = h.send(Harness.request(Request.OPTIONS, "c1", "z9hG4bK-o1", 1), peer);
        await().until(() -> h.tu.timeouts.contains(tx));
        // E at T1, 3T1, then every T2 (4T1) from 7T1 to 63T1: 17 retransmissions before F at 64T1.
        assertEquals(18, peer.requests(Request.OPTIONS));
    }

    @Test
    void overTcpTheRequestIsSentOnceUntilTimerF() {
        Wire tcp = Wire.tcp();
        ClientTransaction<SipMessage> tx = h.send(Harness.request(Request.OPTIONS, "c1", "z9hG4bK-o1", 1), tcp);
        await().until(() -> h.tu.timeouts.contains(tx));
        assertEquals(1, tcp.requests(Request.OPTIONS));
    }

    @Test
    void finalResponseCompletesAndItsRetransmissionsAreAbsorbedUntilTimerK() {
        SipRequest bye = Harness.request(Request.BYE, "c1", "z9hG4bK-b1", 2);
        ClientTransaction<SipMessage> tx = h.send(bye, peer);
        h.deliver(Harness.answer(bye, Response.TRYING), peer);
        h.deliver(Harness.answer(bye, Response.OK), peer);
        h.deliver(Harness.answer(bye, Response.OK), peer);
        await().until(() -> h.tu.terminated.contains(tx));
        assertEquals(List.of(Response.TRYING, Response.OK), h.tu.statuses());
        assertEquals(0, h.layer.clientTransactions());
    }
}
