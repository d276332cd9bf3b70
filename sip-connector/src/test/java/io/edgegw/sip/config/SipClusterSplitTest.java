package io.edgegw.sip.config;

import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * With {@code cluster.instances} above 1 each instance enforces its part of every tenant's {@code callsPerSecond} and
 * {@code maxConcurrentCalls} and every trunk's {@code maxCallsPerSecond} and {@code channels}, dealt as the SMPP
 * limits are (the parts add up to the configured value; 0, no limit, stays 0); a set value that would leave an
 * instance 0, which for all four means no limit, is refused naming the field (issue 15).
 */
class SipClusterSplitTest {
    private static final String LIMITS = """
            tenants:
              - { id: a, systemId: a, password: pw, callsPerSecond: 10, maxConcurrentCalls: 7 }
              - { id: b, systemId: b, password: pw, sipSources: [10.0.0.1] }
            carriers:
              - { id: trunk, sip: { host: 10.1.1.1, maxCallsPerSecond: 5, channels: 30 } }
              - { id: open, sip: { host: 10.1.1.2 } }
            """;

    private static String refusal(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml)).getMessage();
    }

    /** What each of {@code instances} instances enforces, read through the loader. */
    private static <T> List<T> byInstance(int instances, Function<GatewayConfig, T> part) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            out.add(part.apply(ConfigLoader.parse("cluster: { instance: " + i + ", instances: " + instances + " }\n"
                    + LIMITS)));
        }
        return out;
    }

    private static SipTenant tenant(GatewayConfig c, int index) {
        return SipTenant.of(c.tenants().get(index)).share(c.cluster());
    }

    private static SipTrunkConfig trunk(GatewayConfig c, int index) {
        return SipTrunkConfig.of(c.carriers().get(index)).share(c.cluster());
    }

    @Test
    void oneInstanceEnforcesTheConfiguredLimits() {
        GatewayConfig c = ConfigLoader.parse(LIMITS);
        assertSame(SipTenant.of(c.tenants().get(0)), tenant(c, 0));
        assertSame(SipTrunkConfig.of(c.carriers().get(0)), trunk(c, 0));
        assertEquals(10, tenant(c, 0).callsPerSecond());
        assertEquals(30, trunk(c, 0).channels());
    }

    @Test
    void aTenantsCallRateAndConcurrentCallsOverThreeInstancesAreDealtByOrdinalAndAddUp() {
        assertEquals(List.of(4, 3, 3), byInstance(3, c -> tenant(c, 0).callsPerSecond()));
        assertEquals(List.of(3, 2, 2), byInstance(3, c -> tenant(c, 0).maxConcurrentCalls()));
        assertEquals(List.of(0, 0, 0), byInstance(3, c -> tenant(c, 1).callsPerSecond()), "no limit stays none");
        assertEquals(List.of(0, 0, 0), byInstance(3, c -> tenant(c, 1).maxConcurrentCalls()));
        assertEquals(List.of(List.of("10.0.0.1"), List.of("10.0.0.1")), byInstance(2, c -> tenant(c, 1).sipSources()),
                "the rest of the tenant's SIP settings as configured");
    }

    @Test
    void aTrunksCallRateAndChannelsOverThreeInstancesAreDealtByOrdinalAndAddUp() {
        assertEquals(List.of(2, 2, 1), byInstance(3, c -> trunk(c, 0).maxCallsPerSecond()));
        assertEquals(List.of(10, 10, 10), byInstance(3, c -> trunk(c, 0).channels()));
        assertEquals(List.of(0, 0, 0), byInstance(3, c -> trunk(c, 1).maxCallsPerSecond()), "no limit stays none");
        assertEquals(List.of(0, 0, 0), byInstance(3, c -> trunk(c, 1).channels()));
        assertEquals(List.of("10.1.1.1:5060;transport=udp", "10.1.1.1:5060;transport=udp"),
                byInstance(2, c -> trunk(c, 0).toString()), "the same trunk, only its limits split");
    }

    @Test
    void aLimitTooSmallToGiveEachInstanceOneIsRefusedNamingTheField() {
        String cluster = "cluster: { instance: 0, instances: 3 }\n";
        assertEquals("tenants[1].callsPerSecond: cannot be split over cluster.instances 3 (each needs at least 1 a "
                + "second): must be 0 or at least 3 (was 2)", refusal(cluster + """
                tenants:
                  - { id: a, systemId: a, password: pw, callsPerSecond: 3 }
                  - { id: b, systemId: b, password: pw, callsPerSecond: 2 }
                """));
        assertEquals("tenants[0].maxConcurrentCalls: cannot be split over cluster.instances 3 (each needs at least 1 "
                + "call, 0 being no limit): must be 0 or at least 3 (was 1)", refusal(cluster + """
                tenants: [{ id: a, systemId: a, password: pw, maxConcurrentCalls: 1 }]
                """));
        assertEquals("carriers[0].sip.maxCallsPerSecond: cannot be split over cluster.instances 3 (each needs at "
                + "least 1 a second): must be 0 or at least 3 (was 2)", refusal(cluster + """
                carriers: [{ id: t, sip: { host: h, maxCallsPerSecond: 2 } }]
                """));
        assertEquals("carriers[1].sip.channels: cannot be split over cluster.instances 3 (each needs at least 1 "
                + "channel, 0 being no limit): must be 0 or at least 3 (was 2)", refusal(cluster + """
                carriers: [{ id: t, sip: { host: h, channels: 3 } }, { id: u, sip: { host: h, channels: 2 } }]
                """));
        // exactly one each is fine, and one instance takes any value
        assertEquals(List.of(1, 1, 1), List.of(0, 1, 2).stream().map(i -> tenant(ConfigLoader.parse(
                "cluster: { instance: " + i + ", instances: 3 }\n"
                        + "tenants: [{ id: a, systemId: a, password: pw, maxConcurrentCalls: 3 }]"), 0)
                .maxConcurrentCalls()).toList());
        assertEquals(1, tenant(ConfigLoader.parse("tenants: [{ id: a, systemId: a, password: pw, "
                + "maxConcurrentCalls: 1, callsPerSecond: 1 }]"), 0).maxConcurrentCalls());
    }
}
