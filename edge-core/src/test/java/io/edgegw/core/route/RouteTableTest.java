package io.edgegw.core.route;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {
    private static List<String> ids(List<RouteCandidate> candidates) {
        return candidates.stream().map(RouteCandidate::carrierId).toList();
    }

    @Test
    void theLongestMatchingPrefixWins() {
        RouteTable t = new RouteTable(List.of(new RouteConfig("44", List.of("a")), new RouteConfig("447", List.of("b")),
                new RouteConfig("", List.of("c"))));
        assertEquals(List.of("b"), ids(t.lookup("447700900123")));
        assertEquals(List.of("a"), ids(t.lookup("+441632960000")));
        assertEquals(List.of("c"), ids(t.lookup("33123")));
        assertEquals(List.of("c"), ids(t.lookup("")));
    }

    @Test
    void withoutACatchAllAnUnmatchedNumberHasNoRoute() {
        RouteTable t = new RouteTable(List.of(new RouteConfig("1", List.of("a"))));
        assertTrue(t.lookup("2025550100").isEmpty());
        assertTrue(t.lookup("acme", "2025550100").isEmpty());
        assertEquals(List.of("a"), ids(t.lookup("12025550100")));
    }

    @Test
    void candidatesComeByPriorityThenCostAndTiesKeepTheirConfiguredOrder() {
        RouteTable t = new RouteTable(List.of(new RouteConfig("44", List.of(
                new RouteCandidate("dear", 0.0090, 1, 1),
                new RouteCandidate("backup", 0.0010, 5, 1),
                new RouteCandidate("cheap", 0.0021, 1, 3),
                new RouteCandidate("cheap-too", 0.0021, 1, 1)), List.of())));
        assertEquals(List.of("cheap", "cheap-too", "dear", "backup"), ids(t.lookup("447700900123")));
        assertEquals(3, t.lookup("447700900123").get(0).weight());
    }

    @Test
    void theCandidateListIsImmutableAndTheSameForEveryLookup() {
        RouteTable t = new RouteTable(List.of(new RouteConfig("44", List.of("a", "b"))));
        List<RouteCandidate> first = t.lookup("acme", "447700900123");
        assertSame(first, t.lookup("acme", "+44 7700 900999"));
        assertThrows(UnsupportedOperationException.class, () -> first.remove(0));
    }

    @Test
    void aTenantsOwnRoutesAreLookedUpBeforeEveryGeneralRoute() {
        RouteTable t = new RouteTable(List.of(
                new RouteConfig("", List.of("default")),
                new RouteConfig("447", List.of("uk-mobile")),
                new RouteConfig("44", RouteConfig.inOrder(List.of("acme-uk")), List.of("acme", "initech")),
                new RouteConfig("33", RouteConfig.inOrder(List.of("acme-fr")), List.of("acme"))));
        // acme's "44" beats the general "447" although that is longer: the override covers all of +44 for acme.
        assertEquals(List.of("acme-uk"), ids(t.lookup("acme", "447700900123")));
        assertEquals(List.of("acme-uk"), ids(t.lookup("initech", "447700900123")));
        assertEquals(List.of("acme-fr"), ids(t.lookup("acme", "33612345678")));
        // nothing of acme's own matches +1: the general routes answer.
        assertEquals(List.of("default"), ids(t.lookup("acme", "12025550100")));
        // other tenants, and callers without a tenant, see only the general routes.
        assertEquals(List.of("uk-mobile"), ids(t.lookup("globex", "447700900123")));
        assertEquals(List.of("default"), ids(t.lookup("initech", "33612345678")));
        assertEquals(List.of("uk-mobile"), ids(t.lookup("447700900123")));
    }

    @Test
    void theExampleInTheConfigurationGuideRoutesAsItSays() {
        String carrier = "  - {id: %s, systemId: s, password: p, endpoints: [{host: h, port: 1}]}\n";
        GatewayConfig c = ConfigLoader.parse("tenants:\n  - {id: acme, systemId: acme, password: p}\n"
                + "  - {id: globex, systemId: globex, password: p}\ncarriers:\n"
                + carrier.formatted("telco-a") + carrier.formatted("telco-b") + carrier.formatted("telco-c")
                + """
                routes:
                  - prefix: ""                       # everything else, everyone
                    carriers: [telco-a]
                  - prefix: "447"                    # UK mobiles: cheapest first, both at priority 1
                    carriers:
                      - {id: telco-b, cost: 0.0021, priority: 1, weight: 3}
                      - {id: telco-a, cost: 0.0030, priority: 1}
                  - prefix: "44"                     # acme's UK traffic, mobiles included, goes to telco-c first
                    tenants: [acme]
                    carriers: [telco-c, telco-a]
                """);
        RouteTable t = new RouteTable(c.routes());
        assertEquals(List.of("telco-b", "telco-a"), ids(t.lookup("globex", "447700900123")));
        assertEquals(List.of("telco-c", "telco-a"), ids(t.lookup("acme", "447700900123")));
        assertEquals(List.of("telco-a"), ids(t.lookup("acme", "12025550100")));
    }
}
