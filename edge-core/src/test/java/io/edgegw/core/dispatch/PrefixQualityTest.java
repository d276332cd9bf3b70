package io.edgegw.core.dispatch;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quality is kept per carrier and per route prefix: a carrier that fails every UK message but delivers French
 * ones well loses the UK traffic to the next carrier while it keeps the French traffic.
 */
class PrefixQualityTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCarrierFailingOnOnePrefixLosesThatPrefixOnly() throws Exception {
        try (Gateway g = Gateway.start(ConfigLoader.parse("""
                admin: { host: 127.0.0.1, port: 0 }
                smpp: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                quality: { restSeconds: 600 }   # no probing within the test, however slow the machine
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                carriers:
                  - { id: telco-a, systemId: gw, password: pw, window: 50, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                  - { id: telco-b, systemId: gw, password: pw, window: 50, endpoints: [{ host: 127.0.0.1, port: 2 }] }
                routes:
                  - { prefix: '44', carriers: [telco-a, telco-b] }
                  - { prefix: '33', carriers: [telco-a, telco-b] }
                """.formatted(dir.toAbsolutePath())), List.of())) {
            TestBind a = new TestBind("telco-a", "telco-a/1#1", 50);
            TestBind b = new TestBind("telco-b", "telco-b/1#1", 50);
            g.registerCarrierBind(a);
            g.registerCarrierBind(b);
            TestAck ack = new TestAck();
            int sent = 0;
            // one UK message in five: the carrier's overall success stays above its floor, the UK route's does not
            for (int round = 0; round < 100; round++) {
                for (int i = 0; i < 5; i++) {
                    String dest = (i == 0 ? "447700" : "336000") + (100000 + round);
                    assertEquals(0, g.ingress().submit("acme", TestConfigs.sms(dest, false), ack, ++sent));
                }
                int expected = sent;
                await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(() -> distinctOffered(a, b) >= expected);
                answer(g, a, b);
            }
            int all = sent;
            // the UK messages telco-a failed come back after a pause and go to telco-b
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                answer(g, a, b);
                return ok.size() == all;
            });
            DispatcherStatus s = g.control().status().get(5, TimeUnit.SECONDS);
            DispatcherStatus.RouteView uk = s.routes().get(0);
            DispatcherStatus.RouteView fr = s.routes().get(1);
            assertEquals("44", uk.prefix());
            assertEquals("INACTIVE", uk.carriers().get(0).quality(), "telco-a on 44");
            assertEquals("ACTIVE", fr.carriers().get(0).quality(), "telco-a on 33");
            assertEquals("ACTIVE", s.carriers().get(0).quality(), "telco-a overall");
            // the last 20 rounds: UK to b, France still to a
            long ukToALate = a.offered.stream().skip(a.offered.size() - 80).filter(m -> dest(m).startsWith("44")).count();
            long frToA = a.offered.stream().filter(m -> dest(m).startsWith("33")).count();
            long frToB = b.offered.stream().filter(m -> dest(m).startsWith("33")).count();
            assertEquals(0, ukToALate, "telco-a got UK messages after it was found failing there");
            assertEquals(400, frToA, "every French message went to telco-a, first in its route");
            assertEquals(0, frToB);
            assertTrue(b.offered.stream().filter(m -> dest(m).startsWith("44")).count() >= 80,
                    "telco-b took the UK traffic");
        }
    }

    private static String dest(OutboundSubmit m) {
        return m.message().destAddr();
    }

    private final Set<String> ok = ConcurrentHashMap.newKeySet();
    private int answeredA;
    private int answeredB;

    private static long distinctOffered(TestBind a, TestBind b) {
        return Stream.concat(a.offered.stream(), b.offered.stream()).map(OutboundSubmit::gatewayMessageId).distinct()
                .count();
    }

    /** Answers what each bind was offered since last time: telco-a fails UK messages with a transient error. */
    private void answer(Gateway g, TestBind a, TestBind b) {
        answeredA = answer(g, a, answeredA, true);
        answeredB = answer(g, b, answeredB, false);
    }

    private int answer(Gateway g, TestBind bind, int from, boolean failUk) {
        List<OutboundSubmit> offered = bind.offered;
        int n = offered.size();
        for (int i = from; i < n; i++) {
            OutboundSubmit m = offered.get(i);
            boolean fail = failUk && dest(m).startsWith("44");
            bind.answered();
            g.carrierListener().submitResponded(bind, m, fail ? SmppStatus.ESME_RSYSERR : SmppStatus.ESME_ROK,
                    fail ? null : bind.carrierId() + "-" + i);
            if (!fail) {
                ok.add(m.gatewayMessageId());
            }
        }
        return n;
    }
}
