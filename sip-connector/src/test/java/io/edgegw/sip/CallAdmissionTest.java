package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's and a trunk's call limits: what the caller hears, which trunk gets the call, and counts that return. */
@Timeout(90)
class CallAdmissionTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private RawSip first;
    private RawSip second;
    private RawSip caller;
    private Gateway gateway;

    private InetSocketAddress start(String tenantExtra, String firstTrunkExtra) throws Exception {
        first = new RawSip("127.0.0.1");
        second = new RawSip("127.0.0.1");
        caller = new RawSip("127.0.0.1");
        gateway = SipGateway.start(dir.resolve("queues"), first.port(), second.port(), "", tenantExtra,
                firstTrunkExtra);
        return SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        caller.close();
        second.close();
        first.close();
    }

    @Test
    void aTenantAtItsConcurrentCallsIsAnswered503TooManyCallsUntilOneEnds() throws Exception {
        InetSocketAddress proxy = start(", maxConcurrentCalls: 1", "");
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "c1@x"), proxy);
        RawSip.Received ringing = first.receiveStarting("INVITE ");
        first.send(RawSip.response(ringing.text(), 180, "Ringing"), ringing.from());
        caller.receiveStarting("SIP/2.0 180");

        caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "c2@x"), proxy);
        RawSip.Received refused = caller.response(503, "INVITE");
        assertTrue(refused.firstLine().endsWith("Too many calls"), refused.firstLine());

        first.send(RawSip.response(ringing.text(), 486, "Busy Here"), ringing.from());
        assertEquals(486, caller.finalStatus("INVITE"));
        assertEquals(0.0, gauge("edge_sip_calls_active", "tenant", "acme"));

        caller.send(caller.request("INVITE", "4470000003", proxy, RawSip.newBranch(), "c3@x"), proxy);
        assertTrue(first.receiveStarting("INVITE ").text().contains("c3@x"), "the ended call gave its place back");
    }

    @Test
    void aTenantOverItsCallsPerSecondIsAnswered503WithRetryAfter() throws Exception {
        InetSocketAddress proxy = start(", callsPerSecond: 1, callQueueMillis: 0", "");
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "r1@x"), proxy);
        first.receiveStarting("INVITE ");
        caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "r2@x"), proxy);
        RawSip.Received refused = caller.response(503, "INVITE");
        assertTrue(refused.hasHeaderLine("Retry-After: 1"), refused.text());
    }

    @Test
    void aTrunkWithEveryChannelTakenIsSkippedForTheNext() throws Exception {
        InetSocketAddress proxy = start("", ", channels: 1");
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "t1@x"), proxy);
        RawSip.Received ringing = first.receiveStarting("INVITE ");
        first.send(RawSip.response(ringing.text(), 180, "Ringing"), ringing.from());
        caller.receiveStarting("SIP/2.0 180");
        assertEquals(1.0, gauge("edge_sip_carrier_calls_active", "carrier", "first"));

        caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "t2@x"), proxy);
        assertTrue(second.receiveStarting("INVITE ").text().contains("t2@x"));
    }

    @Test
    void aTrunkAtItsCallRateIsSkippedAndWithNoTrunkLeftTheCallerGets503() throws Exception {
        InetSocketAddress proxy = start("", ", maxCallsPerSecond: 1");
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "p1@x"), proxy);
        first.receiveStarting("INVITE ");
        caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "p2@x"), proxy);
        RawSip.Received toSecond = second.receiveStarting("INVITE ");
        assertTrue(toSecond.text().contains("p2@x"));
        second.send(RawSip.response(toSecond.text(), 503, "Service Unavailable"), toSecond.from());
        assertEquals(503, caller.finalStatus("INVITE"));
        assertEquals(0.0, gauge("edge_sip_carrier_calls_active", "carrier", "second"));
    }

    private double gauge(String name, String tag, String value) {
        return gateway.meters().get(name).tag(tag, value).gauge().value();
    }
}
