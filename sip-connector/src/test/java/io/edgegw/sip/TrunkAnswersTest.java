package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which trunk answer reaches the caller: two hand-written trunks, tried in route order, one call at a time at most. */
@Timeout(60)
class TrunkAnswersTest {
    @TempDir
    Path dir;

    private RawSip first;
    private RawSip second;
    private RawSip caller;
    private Gateway gateway;
    private InetSocketAddress proxy;

    @BeforeEach
    void start() throws Exception {
        first = new RawSip("127.0.0.1");
        second = new RawSip("127.0.0.1");
        caller = new RawSip("127.0.0.1");
        gateway = SipGateway.start(dir, first.port(), second.port(), 1);
        proxy = SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        caller.close();
        second.close();
        first.close();
    }

    @Test
    void whenEveryTrunkFailsTheCallerGetsTheLastFailure() throws Exception {
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "f1@x"), proxy);
        RawSip.Received toFirst = first.receiveStarting("INVITE ");
        first.send(RawSip.response(toFirst.text(), 503, "Service Unavailable"), toFirst.from());
        RawSip.Received toSecond = second.receiveStarting("INVITE ");
        second.send(RawSip.response(toSecond.text(), 502, "Bad Gateway"), toSecond.from());
        assertEquals(502, caller.finalStatus("INVITE"));
        first.receiveStarting("ACK "); // each failure is acknowledged hop by hop
        second.receiveStarting("ACK ");
    }

    @Test
    void aBusyCalleeIsRelayedToTheCallerAsTheFinalAnswer() throws Exception {
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "f2@x"), proxy);
        RawSip.Received toFirst = first.receiveStarting("INVITE ");
        first.send(RawSip.response(toFirst.text(), 486, "Busy Here"), toFirst.from());
        assertEquals(486, caller.finalStatus("INVITE"));
        first.receiveStarting("ACK ");
    }

    @Test
    void beyondMaxCallsBeingSetUpAnInviteIsAnswered503() throws Exception {
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "m1@x"), proxy);
        RawSip.Received ringing = first.receiveStarting("INVITE ");
        first.send(RawSip.response(ringing.text(), 180, "Ringing"), ringing.from());
        caller.receiveStarting("SIP/2.0 180");
        try (RawSip another = new RawSip("127.0.0.1")) {
            another.send(another.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "m2@x"), proxy);
            assertEquals(503, another.finalStatus("INVITE"));
        }
    }

    @Test
    void anInviteWithNoHopsLeftIsAnswered483() throws Exception {
        String invite = caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "h1@x")
                .replace("Max-Forwards: 70", "Max-Forwards: 0");
        caller.send(invite, proxy);
        assertEquals(483, caller.finalStatus("INVITE"));
    }

    @Test
    void theCodesThatFailOverAreConfigured() throws Exception {
        gateway.close();
        gateway = SipGateway.start(dir, first.port(), second.port(), ", failoverCodes: [486, 600]", "", "");
        proxy = SipGateway.sip(gateway);
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "fc1@x"), proxy);
        RawSip.Received toFirst = first.receiveStarting("INVITE ");
        first.send(RawSip.response(toFirst.text(), 486, "Busy Here"), toFirst.from()); // listed: the next trunk
        RawSip.Received toSecond = second.receiveStarting("INVITE ");
        second.send(RawSip.response(toSecond.text(), 503, "Service Unavailable"), toSecond.from()); // not listed
        assertEquals(503, caller.finalStatus("INVITE"));
    }
}
