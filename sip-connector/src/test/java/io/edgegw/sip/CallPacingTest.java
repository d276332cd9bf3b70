package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.Path;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's INVITEs over its callsPerSecond wait in its call queue for their turn (tenants[].callQueueMillis), then
 * go to the trunk; those that cannot wait are answered 503 with Retry-After. The trunk answers every INVITE
 * 486 Busy Here, so each call ends at once and counts can return to zero.
 */
@Timeout(90)
class CallPacingTest {
    private static final int CALLS = 15;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private RawSip first;
    private RawSip second;
    private RawSip caller;
    private Gateway gateway;
    private Thread busyTrunk;
    private final Set<String> reachedTrunk = ConcurrentHashMap.newKeySet();

    private InetSocketAddress start(String tenantExtra) throws Exception {
        first = new RawSip("127.0.0.1");
        second = new RawSip("127.0.0.1");
        caller = new RawSip("127.0.0.1");
        gateway = SipGateway.start(dir.resolve("queues"), first.port(), second.port(), "", tenantExtra, "");
        busyTrunk = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    RawSip.Received r = first.receive();
                    if (r.text().startsWith("INVITE ")) {
                        reachedTrunk.add(callId(r.text()));
                        first.send(RawSip.response(r.text(), 486, "Busy Here"), r.from());
                    }
                }
            } catch (Throwable closedOrSilent) {
                // the test is over, or nothing came for 10 s
            }
        }, "busy-trunk");
        busyTrunk.setDaemon(true);
        busyTrunk.start();
        return SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        caller.close();
        second.close();
        first.close();
        busyTrunk.interrupt();
    }

    @Test
    void fifteenInvitesAtFivePerSecondWithThreeSecondsOfQueueAllReachTheTrunk() throws Exception {
        InetSocketAddress proxy = start(", callsPerSecond: 5, callQueueMillis: 3000");
        Map<String, Integer> finals = callAll(proxy);
        assertEquals(CALLS, finals.values().stream().filter(s -> s == 486).count(), finals.toString());
        assertEquals(CALLS, reachedTrunk.size());
        double paced = gateway.meters().get("edge_sip_paced_calls").tag("tenant", "acme").counter().count();
        assertTrue(paced >= 1 && paced <= CALLS - 5, "paced " + paced); // a second's burst goes at once
        await().until(() -> gauge("edge_sip_calls_active") == 0.0);
    }

    @Test
    void withNoQueueTheInvitesOverTheRateAre503WithRetryAfterAtOnce() throws Exception {
        InetSocketAddress proxy = start(", callsPerSecond: 5, callQueueMillis: 0");
        Map<String, Integer> finals = callAll(proxy);
        long refused = finals.values().stream().filter(s -> s == 503).count();
        assertTrue(refused >= 1, finals.toString());
        assertEquals(CALLS, refused + reachedTrunk.size(), finals + " reached " + reachedTrunk);
        assertEquals(0.0, gateway.meters().get("edge_sip_paced_calls").tag("tenant", "acme").counter().count());
        await().until(() -> gauge("edge_sip_calls_active") == 0.0);
    }

    @Test
    void aSmallQueueLetsSomeWaitAndRefusesTheRestWithRetryAfter() throws Exception {
        InetSocketAddress proxy = start(", callsPerSecond: 5, callQueueMillis: 400"); // room for two
        Map<String, Integer> finals = callAll(proxy);
        long refused = finals.values().stream().filter(s -> s == 503).count();
        long busy = finals.values().stream().filter(s -> s == 486).count();
        assertTrue(refused >= 1 && busy > 5, finals.toString());
        assertEquals(CALLS, refused + busy, finals.toString());
        assertEquals(busy, reachedTrunk.size());
        await().until(() -> gauge("edge_sip_calls_active") == 0.0);
    }

    @Test
    void aQueuedInviteCancelledByItsCallerIs487AndNeverReachesTheTrunk() throws Exception {
        InetSocketAddress proxy = start(", callsPerSecond: 1, callQueueMillis: 5000");
        caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "q0@x"), proxy);
        assertEquals(486, finalOf("q0@x", "INVITE"));
        String invite = caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "q1@x");
        caller.send(invite, proxy);
        caller.response(100, "INVITE");
        caller.send(invite.replaceFirst("INVITE", "CANCEL").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL"), proxy);
        assertEquals(200, finalOf("q1@x", "CANCEL"));
        assertEquals(487, finalOf("q1@x", "INVITE"));
        caller.send(caller.request("INVITE", "4470000003", proxy, RawSip.newBranch(), "q2@x"), proxy);
        assertEquals(486, finalOf("q2@x", "INVITE"));
        assertEquals(Set.of("q0@x", "q2@x"), reachedTrunk);
        await().until(() -> gauge("edge_sip_calls_active") == 0.0);
    }

    /** Sends all INVITEs at once; the final status of each call by Call-ID. */
    private Map<String, Integer> callAll(InetSocketAddress proxy) throws Exception {
        for (int i = 0; i < CALLS; i++) {
            caller.send(caller.request("INVITE", "44700000" + (10 + i), proxy, RawSip.newBranch(), "p" + i + "@x"),
                    proxy);
        }
        Map<String, Integer> finals = new HashMap<>();
        while (finals.size() < CALLS) {
            RawSip.Received r = caller.receive();
            if (r.text().startsWith("SIP/2.0 ") && r.status() >= 200) {
                Integer before = finals.putIfAbsent(callId(r.text()), r.status());
                if (before == null && r.status() == 503) {
                    assertTrue(r.hasHeaderLine("Retry-After: "), r.text());
                }
            }
        }
        return finals;
    }

    /** The first final response to this call's {@code method}; others (retransmissions, earlier calls) skipped. */
    private int finalOf(String callId, String method) throws Exception {
        for (int i = 0; i < 30; i++) {
            RawSip.Received r = caller.receive();
            if (r.text().startsWith("SIP/2.0 ") && r.status() >= 200 && r.cseqMethod().equals(method)
                    && callId(r.text()).equals(callId)) {
                return r.status();
            }
        }
        throw new AssertionError("no final response to " + method + " of " + callId);
    }

    private static String callId(String message) {
        for (String line : message.split("\r\n")) {
            if (line.toLowerCase().startsWith("call-id:")) {
                return line.substring(8).trim();
            }
        }
        return "";
    }

    private double gauge(String name) {
        return gateway.meters().get(name).tag("tenant", "acme").gauge().value();
    }
}
