package io.edgegw.core;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import io.edgegw.core.testing.GatewayConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenants competing for one carrier's window: the dispatcher shares it by weight, and a quiet tenant's message does
 * not wait behind another tenant's backlog. The carrier bind is the core's test double so the test decides exactly
 * when each window slot frees up; the gateway, its queues and dispatcher are real.
 */
class FairDrainTest {
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start(int heavyWeight) {
        GatewayConfig config = GatewayConfigs.gateway(dir).ringSize(4096)
                .tenant(GatewayConfigs.tenant("heavy").window(10).weight(heavyWeight))
                .tenant(GatewayConfigs.tenant("light").window(10))
                .carrier(GatewayConfigs.carrier("telco").endpoint("127.0.0.1", 1).window(10))
                .route("44", "telco")
                .build();
        gateway = Gateway.start(config, List.of());
        return gateway;
    }

    private void queue(String tenant, int n) {
        TestAck ack = new TestAck();
        for (int i = 0; i < n; i++) {
            while (gateway.ingress().submit(tenant, TestConfigs.sms("4477009" + (10000 + i), false), ack, i) != 0) {
                Thread.onSpinWait();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ack.answers.size() == n);
    }

    /** Frees the window one slot at a time, {@code n} times; returns who got each slot. */
    private static long heavyShare(TestBind bind, int n) {
        int heavy = 0;
        for (int i = 1; i <= n; i++) {
            int k = i;
            awaitOffers(bind, k);
            OutboundSubmit s = bind.offered.get(k - 1);
            if (s.tenantId().equals("heavy")) {
                heavy++;
            }
            bind.answered();
        }
        return heavy;
    }

    /**
     * Waits for {@code n} trips through the dispatcher's loop: each status view is answered between two dispatch
     * passes, so after two, at least one whole pass has seen what was queued before.
     */
    private void passes(int n) {
        for (int i = 0; i < n; i++) {
            gateway.control().status().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private static void awaitOffers(TestBind bind, int n) {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> bind.offered.size() >= n);
    }

    @Test
    void tenantsShareABusyCarrierByWeight() {
        start(3);
        queue("heavy", 600);
        queue("light", 600);
        TestBind bind = new TestBind("telco", "telco/a#1", 1); // one slot: every offer is a scheduling decision
        gateway.registerCarrierBind(bind);
        long heavy = heavyShare(bind, 400);
        // weight 3 against 1: three quarters of the slots go to "heavy" (plain round robin would give half)
        assertTrue(heavy >= 260 && heavy <= 340, "heavy got " + heavy + " of 400 slots, expected about 300");
    }

    @Test
    void equalWeightsShareEqually() {
        start(1);
        queue("heavy", 400);
        queue("light", 400);
        TestBind bind = new TestBind("telco", "telco/a#1", 1);
        gateway.registerCarrierBind(bind);
        long heavy = heavyShare(bind, 300);
        assertTrue(heavy >= 110 && heavy <= 190, "heavy got " + heavy + " of 300 slots, expected about 150");
    }

    @Test
    void aQuietTenantsMessageDoesNotWaitBehindAnotherTenantsBacklog() {
        start(1);
        queue("heavy", 3000);
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        gateway.registerCarrierBind(bind);
        heavyShare(bind, 50); // the backlog is draining, the window stays full
        queue("light", 1);
        passes(2); // light's message is read and waiting for room (how soon it is read is not what is measured)
        int before = bind.offered.size();
        int guard = 0;
        while (bind.offered.stream().noneMatch(s -> s.tenantId().equals("light")) && guard++ < 200) {
            int k = bind.offered.size();
            bind.answered();
            awaitOffers(bind, k + 1);
        }
        int waitedBehind = bind.offered.size() - before;
        // with 2,900+ of heavy's messages still queued, light's one message goes within a few freed slots
        assertTrue(waitedBehind <= 5, "light's message went out after " + waitedBehind + " more of heavy's");
        assertTrue(gateway.config().tenants().size() == 2);
        // light's went out (not necessarily last: a slot freed at the same moment may take one more of heavy's)
        assertTrue(bind.offered.stream().anyMatch(s -> s.tenantId().equals("light")), "light's message went out");
    }

    @Test
    void aBindsLastSlotsWaitForATenantBelowItsShare() {
        start(3); // heavy would lead the next turns too: only the reserve gives light the slot
        queue("heavy", 500);
        TestBind bind = new TestBind("telco", "telco/a#1", 10); // configured window 10: one slot in reserve
        gateway.registerCarrierBind(bind);
        awaitOffers(bind, 10); // heavy alone may use every slot
        queue("light", 1);
        passes(2); // the dispatcher has read light's message and holds it for want of room: light is waiting now
        OutboundSubmit first = bind.offered.get(0); // one of heavy's answers comes back
        bind.answered();
        gateway.carrierListener().submitResponded(bind, first, 0, "c1");
        awaitOffers(bind, 11);
        // the first slot freed is a bind's last: heavy holds more than its three quarters, so it is light's
        assertEquals("light", bind.offered.get(10).tenantId());
    }
}
