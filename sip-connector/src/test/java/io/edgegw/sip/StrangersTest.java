package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * INVITEs from an address that is no tenant's and no carrier's, with no digest realm to challenge them, cost the
 * proxy no state and reflect at most one small answer each: a source address that is spoofed cannot be flooded.
 */
@Timeout(60)
class StrangersTest {
    private static final int FLOOD = 200;
    private static final int BURST = 20;

    @TempDir
    Path dir;

    @Test
    void anInviteFloodFromAStrangerGetsOneStateless403EachAndATenantStillCalls() throws Exception {
        try (ScriptedTrunk trunk = new ScriptedTrunk();
             RawSip stranger = new RawSip("127.0.0.2");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port())) {
            trunk.inviteAnswer = 200;
            InetSocketAddress proxy = SipGateway.sip(gateway);
            Queue<RawSip.Received> got = collect(stranger);
            for (int i = 0; i < FLOOD; i++) {
                stranger.send(stranger.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "flood" + i + "@x"),
                        proxy);
                int sent = i + 1;
                if (sent % BURST == 0) { // bursts a loopback socket buffer holds: no datagram lost on the way in
                    await().atMost(Duration.ofSeconds(20)).until(() -> got.size() >= sent);
                }
            }
            // past T1 doubling: a stateful 403 would be retransmitted by now
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> got.size() == FLOOD);
            List<String> firstLines = got.stream().map(RawSip.Received::firstLine).distinct().toList();
            assertEquals(List.of("SIP/2.0 403 Forbidden"), firstLines, "no 100 Trying, nothing but one 403 each");
            assertEquals(FLOOD, got.stream().map(r -> r.header("Call-ID")).collect(Collectors.toSet()).size());
            assertEquals(0, trunk.invites.get());
            assertEquals((double) FLOOD, gateway.meters().get("edge_sip_refused").tag("tenant", "unknown")
                    .tag("reason", "forbidden").counter().count());

            assertTenantCalls(proxy);
            assertEquals(1, trunk.invites.get());
        }
    }

    @Test
    void strangersGetNoAnswerAtAllWhenTheConfigSaysDrop() throws Exception {
        try (ScriptedTrunk trunk = new ScriptedTrunk();
             RawSip stranger = new RawSip("127.0.0.2");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port(), ", strangers: drop", "", "")) {
            trunk.inviteAnswer = 200;
            InetSocketAddress proxy = SipGateway.sip(gateway);
            Queue<RawSip.Received> got = collect(stranger);
            for (int i = 0; i < FLOOD; i++) {
                stranger.send(stranger.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "drop" + i + "@x"),
                        proxy);
                int sent = i + 1;
                if (sent % BURST == 0) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> gateway.meters().get("edge_sip_refused")
                            .tag("tenant", "unknown").tag("reason", "dropped").counter().count() >= sent);
                }
            }
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(got::isEmpty);
            assertTenantCalls(proxy);
            assertEquals(1, trunk.invites.get());
        }
    }

    private static void assertTenantCalls(InetSocketAddress proxy) throws Exception {
        try (RawSip tenant = new RawSip("127.0.0.1")) {
            tenant.send(tenant.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "tenant@x"), proxy);
            assertEquals(200, tenant.finalStatus("INVITE"));
        }
    }

    /** Everything the socket receives from now on, read on a thread of its own until the socket closes. */
    private static Queue<RawSip.Received> collect(RawSip socket) {
        Queue<RawSip.Received> got = new ConcurrentLinkedQueue<>();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    RawSip.Received r = socket.poll(100);
                    if (r != null) {
                        got.add(r);
                    }
                }
            } catch (Exception closed) {
                // the test is over
            }
        }, "stranger-reader");
        t.setDaemon(true);
        t.start();
        assertTrue(t.isAlive());
        return got;
    }
}
