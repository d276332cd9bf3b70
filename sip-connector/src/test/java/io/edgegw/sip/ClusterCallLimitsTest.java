package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real gateways as instances of a cluster ({@code cluster.instances: 2}): each enforces only its part of a tenant's
 * and a trunk's call limits, so the limits hold across the instances (issue 15), and over its part a caller hears
 * what it hears at the whole limit on a single instance.
 */
@Timeout(120)
class ClusterCallLimitsTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private RawSip first;
    private RawSip second;
    private RawSip caller;
    private final List<Gateway> gateways = new ArrayList<>();

    @BeforeEach
    void peers() throws Exception {
        first = new RawSip("127.0.0.1");
        second = new RawSip("127.0.0.1");
        caller = new RawSip("127.0.0.1");
    }

    /** Instance {@code instance} of 2, both trunks shared by every instance, with the given extra keys. */
    private InetSocketAddress instance(int instance, String tenantExtra, String firstTrunkExtra) {
        Gateway g = SipGateway.start(dir.resolve("edge-" + instance), first.port(), second.port(),
                "cluster: { instance: " + instance + ", instances: 2 }", "", tenantExtra, firstTrunkExtra);
        gateways.add(g);
        return SipGateway.sip(g);
    }

    @AfterEach
    void stop() {
        gateways.forEach(Gateway::close);
        caller.close();
        second.close();
        first.close();
    }

    /** Places a call that the first trunk takes and rings. */
    private void ringing(InetSocketAddress proxy, String callId) throws Exception {
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), callId), proxy);
        RawSip.Received invite = invite(first, callId);
        first.send(RawSip.response(invite.text(), 180, "Ringing"), invite.from());
        caller.receiveStarting("SIP/2.0 180");
    }

    /** The INVITE of call {@code callId} at {@code trunk} (retransmissions of earlier calls skipped). */
    private static RawSip.Received invite(RawSip trunk, String callId) throws Exception {
        for (int i = 0; i < 20; i++) {
            RawSip.Received r = trunk.receiveStarting("INVITE ");
            if (callId.equals(r.header("Call-ID"))) {
                return r;
            }
        }
        throw new AssertionError("no INVITE of " + callId);
    }

    @Test
    void threeConcurrentCallsOverTwoInstancesAreTwoOnTheFirstAndOneOnTheSecondEachRefusingTheNext() throws Exception {
        InetSocketAddress zero = instance(0, ", maxConcurrentCalls: 3", "");
        InetSocketAddress one = instance(1, ", maxConcurrentCalls: 3", "");

        ringing(zero, "z1@x");
        ringing(zero, "z2@x");
        caller.send(caller.request("INVITE", "4470000003", zero, RawSip.newBranch(), "z3@x"), zero);
        RawSip.Received refused = caller.response(503, "INVITE");
        assertTrue(refused.firstLine().endsWith("Too many calls"), "instance 0's part is 2 of 3: "
                + refused.firstLine());

        ringing(one, "o1@x");
        caller.send(caller.request("INVITE", "4470000004", one, RawSip.newBranch(), "o2@x"), one);
        refused = caller.response(503, "INVITE");
        assertTrue(refused.firstLine().endsWith("Too many calls"), "instance 1's part is 1 of 3: "
                + refused.firstLine());
        assertEquals(2.0, gauge(gateways.get(0), "edge_sip_calls_active", "tenant", "acme"));
        assertEquals(1.0, gauge(gateways.get(1), "edge_sip_calls_active", "tenant", "acme"));
    }

    @Test
    void aTenantsCallsPerSecondOverTwoInstancesLetsEachPlaceItsPartAndAnswersTheNext503WithRetryAfter()
            throws Exception {
        InetSocketAddress proxy = instance(1, ", callsPerSecond: 2, callQueueMillis: 0", "");
        // back to back (taken in either order): 1 a second here (half of 2), with a burst of one second's worth
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "r1@x"), proxy);
        caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "r2@x"), proxy);
        RawSip.Received refused = caller.response(503, "INVITE");
        assertTrue(refused.hasHeaderLine("Retry-After: 1"), refused.text());
        String placed = refused.header("Call-ID").equals("r1@x") ? "r2@x" : "r1@x";
        invite(first, placed); // the other went to the trunk
    }

    @Test
    void aTrunksChannelsOverTwoInstancesAreOneEachAndTheNextCallGoesToTheRoutesNextTrunk() throws Exception {
        InetSocketAddress proxy = instance(0, "", ", channels: 2");
        ringing(proxy, "t1@x");
        assertEquals(1.0, gauge(gateways.get(0), "edge_sip_carrier_calls_active", "carrier", "first"));

        caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "t2@x"), proxy);
        assertEquals("t2@x", second.receiveStarting("INVITE ").header("Call-ID"),
                "instance 0's part of the trunk's 2 channels is 1, taken");
        neverTried(first, "t2@x");
    }

    @Test
    void aTrunksCallRateOverTwoInstancesIsHalvedAndTheNextCallGoesToTheRoutesNextTrunk() throws Exception {
        InetSocketAddress proxy = instance(1, "", ", maxCallsPerSecond: 2");
        // back to back (taken in either order): 1 a second here (half of 2), so one goes to each trunk
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "p1@x"), proxy);
        caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "p2@x"), proxy);
        String toFirst = first.receiveStarting("INVITE ").header("Call-ID");
        assertEquals(toFirst.equals("p1@x") ? "p2@x" : "p1@x", second.receiveStarting("INVITE ").header("Call-ID"),
                "instance 1's part of the trunk's 2 calls a second is 1, spent by " + toFirst);
        neverTried(first, toFirst.equals("p1@x") ? "p2@x" : "p1@x");
    }

    /**
     * Nothing of call {@code callId} reached {@code trunk}: it was skipped, not tried and failed over from (the
     * proxy sends to a trunk before failing over to the next, so anything sent there is already in its socket).
     */
    private static void neverTried(RawSip trunk, String callId) throws Exception {
        for (RawSip.Received r = trunk.poll(200); r != null; r = trunk.poll(200)) {
            assertNotEquals(callId, r.header("Call-ID"), "the trunk was tried: " + r.firstLine());
        }
    }

    private static double gauge(Gateway g, String name, String tag, String value) {
        return g.meters().get(name).tag(tag, value).gauge().value();
    }
}
