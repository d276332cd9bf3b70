package io.edgegw.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTablesTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final String STATUS = """
            {"carriers":[{"id":"sim-a","mode":"ENABLED","state":"ACTIVE","quality":"ACTIVE","success":0.987,"latencyMillis":3.25,
                          "delivered":0.9,"windowInUse":7,"windowSize":200,
                          "binds":[{"name":"sim-a/127.0.0.1:2776#1","carrierId":"sim-a","state":"BOUND",
                                    "sinceMillis":%d,"reason":"","mode":"ENABLED","windowFree":93,"learnedRate":0.0},
                                   {"name":"sim-a/127.0.0.1:2776#2","carrierId":"sim-a","state":"DOWN",
                                    "sinceMillis":%d,"reason":"connection refused","mode":"ENABLED","windowFree":0,
                                    "learnedRate":0.0}]},
                         {"id":"sim-b","mode":"DRAINING","state":"DISABLED","quality":"ACTIVE","success":1.0,
                          "latencyMillis":0,"delivered":1.0,"windowInUse":0,"windowSize":0,"binds":[]}],
             "tenants":[{"id":"demo","paused":true,"weight":1,"inboundDepth":12,"outboundDepth":3,"inFlight":5,
                         "receivers":2,"scheduledDepth":4}],
             "routes":[]}
            """.formatted(NOW - 192_000, NOW - 7_000);

    private static String render(boolean colour) throws Exception {
        return new StatusTables(colour).render(new ObjectMapper().readTree(STATUS), NOW);
    }

    @Test
    void bindsCarriersAndTenantsAreAlignedTables() throws Exception {
        assertEquals("""
                binds
                  CARRIER  BIND                    STATE  FOR    REASON              MODE     WINDOW FREE
                  sim-a    sim-a/127.0.0.1:2776#1  BOUND  3m12s                      ENABLED  93
                  sim-a    sim-a/127.0.0.1:2776#2  DOWN   7s     connection refused  ENABLED  0

                carriers
                  CARRIER  MODE      STATE     SUCCESS  DELIVERED  LATENCY  WINDOW
                  sim-a    ENABLED   ACTIVE    98.7%    90.0%      3.3 ms   7/200
                  sim-b    DRAINING  DISABLED  100.0%   100.0%     0.0 ms   0/0

                tenants
                  TENANT  PAUSED  INBOUND  SCHEDULED  OUTBOUND  IN FLIGHT  RECEIVERS
                  demo    yes     12       4          3         5          2
                """, render(false));
    }

    @Test
    void statesAreColouredOnlyWhenAskedAndColumnsStayAligned() throws Exception {
        String coloured = render(true);
        assertTrue(coloured.contains("\u001b[32mBOUND\u001b[0m") && coloured.contains("\u001b[31mDOWN\u001b[0m"), coloured);
        assertTrue(coloured.contains("\u001b[31mDISABLED\u001b[0m"), "a carrier an operator drained takes nothing: " + coloured);
        assertEquals(render(false), coloured.replaceAll("\u001b\\[\\d+m", ""));
        assertFalse(render(false).contains("\u001b"));
    }

    @Test
    void sipTrunksShowStateProbeLoadAsrAndPddAndUnknownFiguresAsDashes() throws Exception {
        String sip = """
                {"callsSettingUp":2,
                 "trunks":[{"carrier":"sim-a","address":"127.0.0.1:5070;transport=udp","state":"UP","quality":"ACTIVE",
                            "probing":true,"lastProbe":"200","lastProbeAt":"2023-11-14T22:13:15Z","probeFailures":0,
                            "activeCalls":3,"channels":30,"callsPerSecond":12,"attempts":90,"successRatio":0.95,
                            "asr":0.456,"postDialDelayMillis":120,"recentAttempts":50},
                           {"carrier":"sim-b","address":"10.0.0.9:5060;transport=tcp","state":"INACTIVE",
                            "quality":"INACTIVE","probing":false,"lastProbe":"","lastProbeAt":null,"probeFailures":0,
                            "activeCalls":0,"channels":0,"callsPerSecond":0,"attempts":0,"successRatio":0.0,
                            "asr":null,"postDialDelayMillis":null,"recentAttempts":0}],
                 "tenants":{"acme":{"activeCalls":3},"beta":{"activeCalls":0}}}
                """;
        StatusTables tables = new StatusTables(false);
        assertEquals("""
                sip trunks
                  CARRIER  ADDRESS                       STATE     QUALITY   LAST PROBE   ACTIVE  CALLS/S  ASR    PDD
                  sim-a    127.0.0.1:5070;transport=udp  UP        ACTIVE    200, 5s ago  3/30    12       45.6%  120 ms
                  sim-b    10.0.0.9:5060;transport=tcp   INACTIVE  INACTIVE  off          0/-     0        -      -

                sip tenants (2 calls being set up)
                  TENANT  ACTIVE CALLS
                  acme    3
                  beta    0
                """, tables.renderSip(new ObjectMapper().readTree(sip), NOW));
        String coloured = new StatusTables(true).renderSip(new ObjectMapper().readTree(sip), NOW);
        assertTrue(coloured.contains("\u001b[32mUP\u001b[0m") && coloured.contains("\u001b[31mINACTIVE\u001b[0m"),
                coloured);
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("0s", StatusTables.duration(0));
        assertEquals("59s", StatusTables.duration(59));
        assertEquals("3m12s", StatusTables.duration(192));
        assertEquals("2h05m", StatusTables.duration(2 * 3600 + 5 * 60 + 9));
        assertEquals("3d04h", StatusTables.duration(3 * 86400 + 4 * 3600));
    }
}
