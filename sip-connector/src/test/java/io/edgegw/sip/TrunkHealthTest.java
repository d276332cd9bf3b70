package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trunk states as new calls and operators see them: DOWN by OPTIONS probing (Kamailio dispatcher style), INACTIVE by
 * the trunk's own call failures; which trunk receives the INVITEs proves the routing.
 */
@Timeout(60)
class TrunkHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private ScriptedTrunk first;
    private ScriptedTrunk second;
    private Gateway gateway;

    /** Trunks first then second for 447..., each probed as {@code probe} says; quality judged on few calls. */
    private InetSocketAddress start(String firstProbe, String secondProbe) throws Exception {
        return start(firstProbe, secondProbe, 600);
    }

    private InetSocketAddress start(String firstProbe, String secondProbe, int restSeconds) throws Exception {
        first = new ScriptedTrunk();
        second = new ScriptedTrunk();
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                sip: { enabled: true, host: 127.0.0.1, port: 0, failoverAfterMillis: 3000, inviteTimeoutSeconds: 15 }
                quality: { minSuccessRatio: 0.5, recoveredRatio: 0.9, minSamples: 3, restSeconds: %d }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, sipSources: [127.0.0.1/32] }
                carriers:
                  - { id: first, sip: { host: 127.0.0.1, port: %d, probe: %s } }
                  - { id: second, sip: { host: 127.0.0.1, port: %d, probe: %s } }
                routes:
                  - { prefix: '447', carriers: [first, second] }
                """.formatted(dir.resolve("queues").toAbsolutePath(), restSeconds, first.port(), firstProbe, second.port(),
                secondProbe)), List.of(new SipConnectorFactory()));
        return SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        first.close();
        second.close();
    }

    @Test
    void aTrunkSilentToOptionsGoesDownGetsNoCallsAndComesBackWhenItAnswersAgain() throws Exception {
        InetSocketAddress proxy = start("{ intervalMillis: 200, downAfter: 2, upAfter: 1 }", "{ intervalMillis: 0 }");
        assertEquals(486, call(proxy));
        assertEquals(1, first.invites.get(), "an UP first trunk takes the call");

        first.optionsAnswer = 0;
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(trunk("first").get("state").asText()));
        assertEquals(0.0, meter("edge_sip_trunk_up", "first"));
        assertTrue(gateway.meters().get("edge_sip_probe_failures").tag("carrier", "first").functionCounter()
                .count() >= 2);
        assertEquals("timeout", trunk("first").get("lastProbe").asText());
        for (int i = 0; i < 3; i++) {
            assertEquals(486, call(proxy));
        }
        assertEquals(1, first.invites.get(), "a DOWN trunk is skipped");
        assertEquals(3, second.invites.get(), "the next trunk takes the calls, with no failover detour");

        first.optionsAnswer = 200;
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(trunk("first").get("state").asText()));
        assertEquals(486, call(proxy));
        assertEquals(2, first.invites.get(), "back UP, it takes calls again");
        assertEquals(1.0, meter("edge_sip_trunk_up", "first"));
    }

    @Test
    void whenEveryTrunkIsDownTheCallerGets503() throws Exception {
        InetSocketAddress proxy = start("{ intervalMillis: 200, downAfter: 1 }", "{ intervalMillis: 200, downAfter: 1 }");
        first.optionsAnswer = 0;
        second.optionsAnswer = 500;
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(trunk("first").get("state").asText())
                && "DOWN".equals(trunk("second").get("state").asText()));
        assertEquals("500", trunk("second").get("lastProbe").asText());
        assertEquals(503, call(proxy));
        assertEquals(0, first.invites.get() + second.invites.get());
    }

    @Test
    void anOptionsAnswerCountsAsAliveOnlyWhenItsCodeIsListed() throws Exception {
        InetSocketAddress proxy = start("{ intervalMillis: 200, downAfter: 2, replyCodes: [200, 404] }",
                "{ intervalMillis: 200, downAfter: 2 }");
        first.optionsAnswer = 404;
        second.optionsAnswer = 404;
        await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(trunk("second").get("state").asText()));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.options.get() >= 4);
        JsonNode firstView = trunk("first");
        assertEquals("UP", firstView.get("state").asText(), firstView::toString);
        assertEquals("404", firstView.get("lastProbe").asText());
        assertEquals(486, call(proxy));
        assertEquals(1, first.invites.get());
    }

    @Test
    void aTrunkFailingCallsGoesInactiveAndCallsGoStraightToTheNext() throws Exception {
        InetSocketAddress proxy = start("{ intervalMillis: 0 }", "{ intervalMillis: 0 }");
        first.inviteAnswer = 503;
        for (int i = 0; i < 3; i++) {
            assertEquals(486, call(proxy), "failed over to the second trunk");
        }
        assertEquals(3, first.invites.get());
        JsonNode view = trunk("first");
        assertEquals("INACTIVE", view.get("state").asText(), view::toString);
        assertEquals(0.0, view.get("successRatio").asDouble());
        assertEquals(0.0, view.get("asr").asDouble());
        for (int i = 0; i < 3; i++) {
            assertEquals(486, call(proxy));
        }
        assertEquals(3, first.invites.get(), "an INACTIVE trunk is skipped while another is UP");
        assertEquals(6, second.invites.get());
        assertEquals("UP", trunk("second").get("state").asText());
        assertEquals(0.0, meter("edge_sip_trunk_up", "first"));

        second.inviteAnswer = 503; // now the second fails calls too, until it is INACTIVE as well
        for (int i = 0; i < 12 && !"INACTIVE".equals(trunk("second").get("state").asText()); i++) {
            assertEquals(503, call(proxy));
        }
        assertEquals("INACTIVE", trunk("second").get("state").asText());
        int firstBefore = first.invites.get();
        int secondBefore = second.invites.get();
        assertEquals(503, call(proxy), "every trunk inactive: each is still tried, in route order");
        assertEquals(firstBefore + 1, first.invites.get());
        assertEquals(secondBefore + 1, second.invites.get());
    }

    @Test
    void anInactiveTrunkRestsThenTakesCallsAgainAndIsActiveOnceTheyGoWell() throws Exception {
        InetSocketAddress proxy = start("{ intervalMillis: 0 }", "{ intervalMillis: 0 }", 1);
        first.inviteAnswer = 503;
        for (int i = 0; i < 3; i++) {
            assertEquals(486, call(proxy));
        }
        assertEquals("INACTIVE", trunk("first").get("state").asText());
        first.inviteAnswer = 486; // the carrier fixed its side
        await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(trunk("first").get("state").asText()));
        assertEquals("INACTIVE", trunk("first").get("quality").asText(), "rested, but no call has tried it yet");
        for (int i = 0; i < 3; i++) {
            assertEquals(486, call(proxy));
        }
        assertEquals(6, first.invites.get(), "after its rest it takes calls again");
        assertEquals(3, second.invites.get(), "only the failovers of the first three calls");
        assertEquals("ACTIVE", trunk("first").get("quality").asText(), "three handled calls of three: recovered");
    }

    @Test
    void theOperatorViewListsEveryTrunkAndTheTenantsCalls() throws Exception {
        InetSocketAddress proxy = start("{ intervalMillis: 200 }", "{ intervalMillis: 0 }");
        assertEquals(486, call(proxy));
        await().atMost(Duration.ofSeconds(5)).until(() -> !trunk("first").get("lastProbeAt").isNull());
        JsonNode sip = api("/api/sip");
        assertEquals(2, sip.get("trunks").size(), sip::toString);
        JsonNode f = trunk("first");
        assertEquals("127.0.0.1:" + first.port() + ";transport=udp", f.get("address").asText());
        assertEquals("200", f.get("lastProbe").asText());
        assertEquals(1, f.get("attempts").asInt());
        assertEquals(0.0, f.get("asr").asDouble(), "486: reached the callee, not answered");
        assertTrue(f.get("postDialDelayMillis").asLong() >= 0, f::toString);
        assertEquals(0, f.get("activeCalls").asInt());
        assertTrue(trunk("second").get("lastProbeAt").isNull(), "never probed");
        assertEquals(0, sip.get("tenants").get("acme").get("activeCalls").asInt());
    }

    /** One call from a fresh caller (so no retransmission of an earlier answer is read): its final status. */
    private static int call(InetSocketAddress proxy) throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), RawSip.newBranch() + "@x"),
                    proxy);
            return caller.finalStatus("INVITE");
        }
    }

    private JsonNode trunk(String carrier) throws Exception {
        for (JsonNode t : api("/api/sip").get("trunks")) {
            if (t.get("carrier").asText().equals(carrier)) {
                return t;
            }
        }
        throw new AssertionError("no trunk " + carrier);
    }

    private JsonNode api(String path) throws Exception {
        InetSocketAddress admin = gateway.listeners().get("admin");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + admin.getPort() + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return JSON.readTree(r.body());
    }

    private double meter(String name, String carrier) {
        return gateway.meters().get(name).tag("carrier", carrier).gauge().value();
    }
}
