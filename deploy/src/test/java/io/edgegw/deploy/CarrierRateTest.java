package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A carrier's configured rates hold: the simulated SMSC throttles anything above its own per-second count, and the
 * gateway, paced by {@code maxSubmitsPerSecond} (or {@code bindMaxSubmitsPerSecond} per bind), never trips it while
 * a tenant's 600 messages arrive at once. Without the gateway's limit the SMSC answers ESME_RTHROTTLED.
 */
class CarrierRateTest {
    @TempDir
    Path storage;

    /** Sends {@code messages} through the gateway to an SMSC capped at {@code smscCap}/s; returns its throttled answers. */
    private long send(int smscCap, String carrierLimits, int messages) throws Exception {
        long start = System.nanoTime();
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge")
                .withMaxSubmitsPerSecond(smscCap).withReceipts(false, SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS));
             Gateway gateway = Gateway.start(ConfigLoader.parse("""
                     smpp: { host: 127.0.0.1, port: 0 }
                     admin: { host: 127.0.0.1, port: 0 }
                     storage: { dir: '%s' }
                     tenants:
                       - { id: acme, systemId: acme, password: acme }
                     carriers:
                       - { id: telco, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100, %s
                           endpoints: [{ host: 127.0.0.1, port: %d }] }
                     routes:
                       - { prefix: '', carriers: [telco] }
                     """.formatted(storage.toAbsolutePath(), carrierLimits, smsc.port())))) {
            LoadReport r = new LoadGenerator(new LoadConfig("127.0.0.1", gateway.listeners().get("smpp").getPort(),
                    "acme", "acme", 2, messages, 0, 0, 100, "1000", "4470", 1_000_000, false, 0, 10, 60, false),
                    new PrintStream(OutputStream.nullOutputStream())).run();
            assertEquals(messages, r.acknowledged());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> smsc.counters().submitsAnswered(SMPPConstant.STAT_ESME_ROK) == messages);
            System.out.printf("%d messages to an SMSC capped at %d/s took %.1f s (%.0f/s)%n", messages, smscCap,
                    (System.nanoTime() - start) / 1e9, messages / ((System.nanoTime() - start) / 1e9));
            return smsc.counters().submitsAnswered(SMPPConstant.STAT_ESME_RTHROTTLED);
        }
    }

    private void run(int smscCap, String carrierLimits) throws Exception {
        assertEquals(0, send(smscCap, carrierLimits, 600), "the gateway stayed under the carrier's rate");
    }

    @Test
    void theCarriersRateKeepsItUnderTheSmscsCap() throws Exception {
        // 200/s with a burst of 20 (a tenth of a second), against an SMSC counting 260 a second
        run(260, "maxSubmitsPerSecond: 200,");
    }

    @Test
    void withoutAConfiguredRateTheGatewayLearnsTheCarriersFromItsThrottling() throws Exception {
        // 1,500 at once against 300/s: every message gets through, and the throttled answers stay few
        long throttled = send(300, "", 1_500);
        System.out.println("throttled answers while learning: " + throttled);
        assertTrue(throttled < 500, throttled + " throttled answers for 1,500 messages");
    }

    @Test
    void eachBindsRateKeepsItUnderTheSmscsCap() throws Exception {
        // two binds at 100/s each (bursts of 10), against an SMSC counting 260 a second
        run(260, "bindMaxSubmitsPerSecond: 100,");
    }
}
