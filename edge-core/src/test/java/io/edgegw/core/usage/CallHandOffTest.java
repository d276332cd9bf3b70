package io.edgegw.core.usage;

import io.edgegw.core.Gateway;
import io.edgegw.core.spi.CallUsage;
import io.edgegw.core.support.UsageSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-off of answered calls to the usage reader is bounded: past it a call is dropped and counted, never queued. */
class CallHandOffTest {
    @TempDir
    Path dir;

    @Test
    void aFullHandOffDropsAndCountsTheCallInsteadOfGrowing() {
        CallHandOff handOff = new CallHandOff(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        for (int i = 0; i < CallHandOff.CAPACITY; i++) {
            assertTrue(handOff.callEnded("acme", "c" + i, "telco", "447700900001", 30, 1L));
        }
        assertFalse(handOff.callEnded("acme", "one-too-many", "telco", "447700900001", 30, 1L));
        assertEquals("c0", handOff.poll().callId());
        assertTrue(handOff.callEnded("acme", "room-again", "telco", "447700900001", 30, 1L), "a slot freed");
        assertFalse(handOff.callEnded("acme", "full-again", "telco", "447700900001", 30, 1L));
    }

    @Test
    void callsHandedToTheGatewayAreRatedAndThoseOfUnknownTenantsPassedOver() {
        try (Gateway g = Gateway.start(UsageSupport.config(dir), List.of())) {
            CallUsage calls = g.callUsage();
            long now = System.currentTimeMillis();
            assertTrue(calls.callEnded("acme", "a@x", "telco", "+447700900001", 61, now));
            assertTrue(calls.callEnded("initech", "b@x", "telco", "447700900001", 10, now));
            await().atMost(Duration.ofSeconds(10)).until(() -> g.usage().totals("acme") != null
                    && g.usage().totals("acme").calls() == 1);
            assertEquals(61.0, g.meters().get("edge_tenant_call_billable_seconds").tag("tenant", "acme").counter()
                    .count());
        }
        List<UsageRecord> events = UsageSupport.events(dir);
        assertEquals(1, events.size(), events.toString());
        assertEquals(UsageRecord.CALL, events.get(0).kind());
        assertEquals("447700900001", events.get(0).destination());
        assertEquals(61, events.get(0).seconds());
    }
}
