package io.edgegw.core.route;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;
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

import static io.edgegw.core.testing.GatewayConfigs.carrier;
import static io.edgegw.core.testing.GatewayConfigs.tenant;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher sends each tenant's message by that tenant's routes, to the candidates in their sorted order. */
class RoutesInTheDispatcherTest {
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aTenantsOverrideAndTheCandidatesOrderDecideTheCarrier() {
        gateway = Gateway.start(GatewayConfigs.gateway(dir)
                .tenant(tenant("acme").window(10)).tenant(tenant("globex").window(10))
                .carrier(carrier("telco-a").endpoint("127.0.0.1", 1).window(10))
                .carrier(carrier("telco-b").endpoint("127.0.0.1", 2).window(10))
                .routes(new RouteConfig("44", List.of("telco-a")),
                        new RouteConfig("44", RouteConfig.inOrder(List.of("telco-b")), List.of("acme")),
                        // written b first, but a has the lower priority: a is offered first
                        new RouteConfig("33", List.of(new RouteCandidate("telco-b", 0.001, 2, 1),
                                new RouteCandidate("telco-a", 0.009, 1, 1)), List.of()))
                .build(), List.of());
        TestBind bindA = new TestBind("telco-a", "telco-a/1#1", 10);
        TestBind bindB = new TestBind("telco-b", "telco-b/1#1", 10);
        gateway.registerCarrierBind(bindA);
        gateway.registerCarrierBind(bindB);

        TestAck ack = new TestAck();
        gateway.ingress().submit("globex", TestConfigs.sms("447700900001", false), ack, 1);
        gateway.ingress().submit("acme", TestConfigs.sms("447700900002", false), ack, 2);
        gateway.ingress().submit("acme", TestConfigs.sms("33612345678", false), ack, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> bindA.offered.size() + bindB.offered.size() == 3);

        assertEquals(List.of("acme:33612345678", "globex:447700900001"),
                bindA.offered.stream().map(s -> s.tenantId() + ":" + s.message().destAddr()).sorted().toList());
        assertEquals("acme", bindB.offered.get(0).tenantId());
        assertEquals("447700900002", bindB.offered.get(0).message().destAddr());
    }

    @Test
    void equallyRankedCarriersShareTrafficByWeightAndTakeOverWhenOneIsFull() {
        gateway = Gateway.start(GatewayConfigs.gateway(dir).ringSize(4096)
                .tenant(tenant("acme").window(10))
                .carrier(carrier("telco-a").endpoint("127.0.0.1", 1).window(1000))
                .carrier(carrier("telco-b").endpoint("127.0.0.1", 2).window(1000))
                // same priority and cost: spread 3 to 1
                .routes(new RouteConfig("44", List.of(new RouteCandidate("telco-a", 0.002, 1, 3),
                        new RouteCandidate("telco-b", 0.002, 1, 1)), List.of()))
                .build(), List.of());
        TestBind bindA = new TestBind("telco-a", "telco-a/1#1", 1000);
        TestBind bindB = new TestBind("telco-b", "telco-b/1#1", 100); // b fills up: a takes what b cannot
        gateway.registerCarrierBind(bindA);
        gateway.registerCarrierBind(bindB);
        TestAck ack = new TestAck();
        for (int i = 0; i < 800; i++) {
            while (gateway.ingress().submit("acme", TestConfigs.sms("4477009" + (10000 + i), false), ack, i) != 0) {
                Thread.onSpinWait();
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> bindA.offered.size() + bindB.offered.size() == 800);
        // b's weight would give it 200; its window holds 100 and nothing is answered, so a takes the rest
        assertEquals(100, bindB.offered.size());
        assertEquals(700, bindA.offered.size());
        // of the first 200 sent, before b was full, about a quarter went to b
        long toB = java.util.stream.Stream.concat(bindA.offered.stream(), bindB.offered.stream())
                .filter(m -> m.message().destAddr().compareTo("447700910200") < 0)
                .filter(bindB.offered::contains).count();
        assertTrue(toB >= 30 && toB <= 70, toB + " of the first 200 went to the weight-1 carrier");
    }
}
