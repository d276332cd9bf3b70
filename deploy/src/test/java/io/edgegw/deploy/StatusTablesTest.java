package io.edgegw.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusTablesTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final String STATUS = """
            {"carriers":[{"id":"sim-a","mode":"ENABLED","quality":"ACTIVE","success":0.987,"latencyMillis":3.25,
                          "delivered":0.9,"windowInUse":7,"windowSize":200,
                          "binds":[{"name":"sim-a/127.0.0.1:2776#1","carrierId":"sim-a","state":"BOUND",
                                    "sinceMillis":%d,"reason":"","mode":"ENABLED","windowFree":93,"learnedRate":0.0},
                                   {"name":"sim-a/127.0.0.1:2776#2","carrierId":"sim-a","state":"DOWN",
                                    "sinceMillis":%d,"reason":"connection refused","mode":"ENABLED","windowFree":0,
                                    "learnedRate":0.0}]}],
             "tenants":[{"id":"demo","paused":true,"weight":1,"inboundDepth":12,"outboundDepth":3,"inFlight":5,
                         "receivers":2}],
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
                  CARRIER  MODE     QUALITY  SUCCESS  DELIVERED  LATENCY  WINDOW
                  sim-a    ENABLED  ACTIVE   98.7%    90.0%      3.3 ms   7/200

                tenants
                  TENANT  PAUSED  INBOUND  OUTBOUND  IN FLIGHT  RECEIVERS
                  demo    yes     12       3         5          2
                """, render(false));
    }

    @Test
    void statesAreColouredOnlyWhenAskedAndColumnsStayAligned() throws Exception {
        String coloured = render(true);
        assertTrue(coloured.contains("\u001b[32mBOUND\u001b[0m") && coloured.contains("\u001b[31mDOWN\u001b[0m"), coloured);
        assertEquals(render(false), coloured.replaceAll("\u001b\\[\\d+m", ""));
        assertFalse(render(false).contains("\u001b"));
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
