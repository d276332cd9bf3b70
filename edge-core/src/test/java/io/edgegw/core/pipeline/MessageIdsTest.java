package io.edgegw.core.pipeline;

import io.edgegw.core.config.ClusterConfig;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageIdsTest {
    private static final long NOW = 1_763_890_000_000L;

    @Test
    void idsIssuedInTheSameMillisecondStillIncreaseAndRenderAsSixteenHexDigits() {
        MessageIds ids = new MessageIds();
        long a = ids.next(NOW);
        long b = ids.next(NOW);
        long c = ids.next(NOW - 1); // clock stepped back: still increasing
        assertTrue(a < b && b < c);
        String text = MessageIds.render(b);
        assertTrue(text.matches("[0-9a-f]{16}"), text);
        assertEquals(b, MessageIds.parse(text));
    }

    @Test
    void instancesOfAClusterNeverIssueTheSameIdEvenAtTheSameMillisecondsAndPastTheirCounters() {
        // a tenant bound through a balancer to several instances must get one id per message
        Set<Long> seen = new HashSet<>();
        int perInstance = 3 * (1 << MessageIds.CLUSTER_COUNTER_BITS) + 7; // borrows two milliseconds ahead
        for (int instance : new int[]{0, 1, 2, ClusterConfig.MAX_INSTANCES - 1}) {
            MessageIds ids = new MessageIds(new ClusterConfig(instance, ClusterConfig.MAX_INSTANCES));
            long previous = 0;
            for (int i = 0; i < perInstance; i++) {
                long id = ids.next(NOW + i / 2000); // a slow clock: far more ids than the counter holds per ms
                assertTrue(id > previous, "increasing within the instance");
                previous = id;
                assertTrue(seen.add(id), "id " + MessageIds.render(id) + " issued twice (instance " + instance + ")");
            }
        }
        assertEquals(4 * perInstance, seen.size());
    }

    @Test
    void aSingleInstanceKeepsItsWholeCounter() {
        MessageIds ids = new MessageIds(ClusterConfig.SINGLE);
        long first = ids.next(NOW);
        for (int i = 1; i < 5_000; i++) {
            ids.next(NOW);
        }
        assertEquals(NOW, ids.next(NOW) >>> 20, "5,001 ids in one millisecond stay in it");
        assertEquals(NOW << 20, first);
    }
}
