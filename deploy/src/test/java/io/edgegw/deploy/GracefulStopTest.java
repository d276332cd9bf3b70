package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import io.edgegw.core.Gateway;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A graceful stop ({@link Gateway#close()}) under load: every submit the gateway took is answered before the tenant's
 * session closes, what it acknowledged is delivered after a restart, and what a carrier answered during the stop is
 * not sent to it again.
 */
class GracefulStopTest {
    @TempDir
    Path storage;

    @Test
    @Timeout(120)
    void everySubmitTakenBeforeAStopIsAnsweredBeforeTheSessionClosesAndDeliveredAfterRestart() throws Exception {
        SubmitCounts carrier = new SubmitCounts();
        SmscConfig smscConfig = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc smsc = SimulatedSmsc.start(smscConfig, carrier)) {
            PumpingTenant tenant;
            long stopMillis;
            try (Gateway gateway = GatewayFixture.start(storage, smsc.port())) {
                tenant = new PumpingTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw", 100);
                tenant.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> tenant.acknowledged() >= 3000);
                long began = System.nanoTime();
                gateway.close(); // under full load: submits in the ring, at the carrier, acknowledgements in flight
                stopMillis = (System.nanoTime() - began) / 1_000_000;
            }
            try {
                assertTrue(tenant.awaitClosed(10_000), "the session did not close");
                String figures = "sent=" + tenant.sent() + " acknowledged=" + tenant.acknowledged() + " refused="
                        + tenant.refusedByStatus() + " stop=" + stopMillis + " ms";
                System.out.println("graceful stop under load: " + figures);
                assertTrue(tenant.unbound(), "the gateway closed the session without unbind; " + figures);
                // every submit the tenant wrote before it read the unbind got its submit_sm_resp
                assertEquals(tenant.sent(), tenant.acknowledged() + tenant.refused(), figures);
                // and those refused were refused "try again later", never as failed
                Set<Integer> temporary = Set.of(SmppConstants.STATUS_THROTTLED, SmppConstants.STATUS_MSGQFUL);
                assertTrue(temporary.containsAll(tenant.refusedByStatus().keySet()), figures);
            } finally {
                tenant.close();
            }

            // Acknowledged means durable: after a restart every acknowledged message reaches the carrier.
            Set<String> acknowledged = new HashSet<>(tenant.acknowledgedTexts());
            try (Gateway again = GatewayFixture.start(storage, smsc.port())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> carrier.accepted.containsAll(acknowledged));
            }
        }
    }

    @Test
    @Timeout(120)
    void aMessageTheCarrierAnswersDuringTheStopIsNotSentAgainAfterRestart() throws Exception {
        int messages = 100;
        SubmitCounts carrier = new SubmitCounts();
        // each submit_sm is answered a second after it arrives: the stop begins with all of them at the carrier
        SmscConfig smscConfig = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge")
                .withTiming(1_000, 0);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(smscConfig, carrier)) {
            try (Gateway gateway = GatewayFixture.start(storage, smsc.port())) {
                try (CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme",
                        "acme-pw", SmppBindType.TRANSMITTER)) {
                    for (int i = 0; i < messages; i++) {
                        assertEquals(SmppConstants.STATUS_OK, tenant.submit("4479100" + i, "in flight #" + i)
                                .getCommandStatus());
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> carrier.received.size() == messages);
                int answeredBeforeStop = carrier.accepted.size();
                gateway.close();
                System.out.println("stop with " + (messages - answeredBeforeStop) + " submits at the carrier "
                        + "unanswered; answered by the end of the stop: " + carrier.accepted.size());
                assertTrue(answeredBeforeStop < messages, "nothing was in flight at the stop: the test shows nothing");
                assertEquals(messages, carrier.accepted.size(), "the stop did not wait for the carrier's answers");
            }

            // Restarted on the same queues: a message sent after the restart arrives behind anything sent again.
            try (Gateway again = GatewayFixture.start(storage, smsc.port());
                 CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(again), "acme", "acme-pw",
                         SmppBindType.TRANSMITTER)) {
                tenant.submit("44791009999", "after restart");
                await().atMost(Duration.ofSeconds(30)).until(() -> carrier.accepted.contains("after restart"));
            }
            for (int i = 0; i < messages; i++) {
                assertEquals(1, carrier.copies("in flight #" + i), "copies of message " + i + " at the carrier");
            }
        }
    }
}
