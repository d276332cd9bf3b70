package io.edgegw.core.tenant;

import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.queue.QueueDepth;
import io.edgegw.core.testing.GatewayConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantGateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theBucketLetsABurstThroughThenTheSustainedRate() {
        long t0 = 1_000 * SECOND;
        SubmitRate rate = new SubmitRate(10, 5, t0);
        int taken = 0;
        while (rate.tryAcquire(t0)) {
            taken++;
        }
        assertEquals(5, taken, "the burst");
        assertFalse(rate.available(t0));
        assertTrue(rate.available(t0 + SECOND / 10), "available() looks without taking");
        assertTrue(rate.available(t0 + SECOND / 10));
        assertFalse(rate.tryAcquire(t0 + SECOND / 20), "half an interval later: still empty");
        assertTrue(rate.tryAcquire(t0 + SECOND / 10), "one interval later: one more token");
        assertFalse(rate.tryAcquire(t0 + SECOND / 10));
        // a long quiet spell refills only up to the burst
        int later = 0;
        while (rate.tryAcquire(t0 + 100 * SECOND)) {
            later++;
        }
        assertEquals(5, later);
        // over ten seconds at full pressure: the burst plus ten a second
        long start = t0 + 200 * SECOND;
        int sent = 0;
        for (long t = start; t <= start + 10 * SECOND; t += SECOND / 1000) {
            while (rate.tryAcquire(t)) {
                sent++;
            }
        }
        assertEquals(5 + 100, sent);
    }

    @Test
    void theGateAnswersThrottledOverTheRateAndQueueFullOverTheQuota() {
        QueueDepth depth = new QueueDepth();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TenantGate gate = new TenantGate(GatewayConfigs.tenant("acme").window(10).rate(100, 3)
                .queueQuota(4, 1).build(), depth, meters);
        long now = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertEquals(SmppStatus.ESME_ROK, gate.admit(now));
            depth.appended(100);
        }
        assertEquals(SmppStatus.ESME_RTHROTTLED, gate.admit(now));
        assertEquals(SmppStatus.ESME_ROK, gate.admit(now + SECOND));
        depth.appended(100); // four waiting: the quota
        assertEquals(SmppStatus.ESME_RMSGQFUL, gate.admit(now + 2 * SECOND));
        depth.completed(100);
        assertEquals(SmppStatus.ESME_ROK, gate.admit(now + 2 * SECOND));
        depth.appended(2 << 20); // over a megabyte waiting
        assertEquals(SmppStatus.ESME_RMSGQFUL, gate.admit(now + 3 * SECOND));
        assertEquals(1.0, meters.get("edge_tenant_submits_refused").tag("reason", "rate").counter().count());
        assertEquals(2.0, meters.get("edge_tenant_submits_refused").tag("reason", "queue_quota").counter().count());
    }
}
