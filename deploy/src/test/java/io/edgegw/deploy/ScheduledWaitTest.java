package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.simulator.smsc.SubmitObserver;
import io.edgegw.simulator.wire.MessageFields;
import org.jsmpp.util.AbsoluteTimeFormatter;
import org.jsmpp.util.RelativeTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Calendar;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, scheduled delivery: a message with a schedule_delivery_time waits in its tenant's scheduled queue until
 * it is due, then goes to a carrier; the tenant's later messages do not wait behind it; one whose validity ended
 * while it waited ends with an EXPIRED receipt and never reaches a carrier.
 */
class ScheduledWaitTest {
    private static final byte RECEIPT = SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED;

    @TempDir
    Path storage;

    /** When the simulated carrier first read each submit_sm (epoch ms), by message text. */
    private static final class Carrier implements SubmitObserver {
        final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

        @Override
        public void received(byte[] shortMessage, MessageFields fields) {
            receivedAt.putIfAbsent(new String(shortMessage, StandardCharsets.ISO_8859_1), System.currentTimeMillis());
        }

        @Override
        public void accepted(byte[] shortMessage, String messageId) {
        }
    }

    private Gateway start(int carrierPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                carriers:
                  - { id: telco, systemId: edge, password: edge, window: 50, responseTimeoutMillis: 2000,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), carrierPort)));
    }

    /** An absolute SMPP time {@code millisAhead} from now, to the tenth of a second it can carry (rounded up). */
    private static String absolute(long dueMillis) {
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis((dueMillis + 99) / 100 * 100);
        return new AbsoluteTimeFormatter().format(c);
    }

    private static double gauge(Gateway g, String name) {
        return g.meters().get(name).tag("tenant", "acme").gauge().value();
    }

    @Test
    void aScheduledMessageReachesTheCarrierOnlyOnceDueAndLaterOnesDoNotWaitForIt() throws Exception {
        Carrier carrier = new Carrier();
        try (SimulatedSmsc smsc = SimulatedSmsc.start(
                SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"), carrier);
             Gateway gateway = start(smsc.port());
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            long due = System.currentTimeMillis() + 3_000;
            String schedule = absolute(due);
            long dueAsSent = (due + 99) / 100 * 100;
            assertEquals(SmppConstants.STATUS_OK, acme.submit("447700900001", "far future", RECEIPT, null,
                    RelativeTimeFormatter.format(0, 0, 1, 0, 0, 0)).getCommandStatus());
            assertEquals(SmppConstants.STATUS_OK, acme.submit("447700900001", "in three seconds", RECEIPT, null,
                    schedule).getCommandStatus());
            assertEquals(SmppConstants.STATUS_OK, acme.submit("447700900001", "at once", RECEIPT)
                    .getCommandStatus());

            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.receivedAt.containsKey("at once"));
            if (System.currentTimeMillis() < dueAsSent) { // the machine was quick enough to look before it was due
                assertFalse(carrier.receivedAt.containsKey("in three seconds"), "not at the carrier before due");
                assertEquals(2.0, gauge(gateway, "edge_tenant_scheduled_depth"), "both wait in the scheduled queue");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.receivedAt.containsKey("in three seconds"));
            long at = carrier.receivedAt.get("in three seconds");
            assertTrue(at >= dueAsSent, "reached the carrier " + (dueAsSent - at) + " ms before its due time");
            assertFalse(carrier.receivedAt.containsKey("far future"), "a day ahead: still waiting");
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(gateway, "edge_tenant_scheduled_depth") == 1.0);
        }
    }

    @Test
    void aScheduledMessageWhoseValidityEndedWhileItWaitedEndsExpiredAndNeverReachesTheCarrier() throws Exception {
        Carrier carrier = new Carrier();
        String id;
        try (SimulatedSmsc smsc = SimulatedSmsc.start(
                SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"), carrier)) {
            try (Gateway gateway = start(smsc.port());
                 CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                         SmppBindType.TRANSCEIVER)) {
                // due in 2 s, valid for 3 s: the gateway is down from before it is due until after its validity
                id = acme.submit("447700900001", "missed", RECEIPT, RelativeTimeFormatter.format(0, 0, 0, 0, 0, 3),
                        RelativeTimeFormatter.format(0, 0, 0, 0, 0, 2)).getMessageId();
            }
            Thread.sleep(3_500); // the gateway is stopped: nothing to poll
            try (Gateway gateway = start(smsc.port());
                 CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                         SmppBindType.TRANSCEIVER)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> receiptText(acme, id).isPresent());
                assertTrue(receiptText(acme, id).get().contains("stat:EXPIRED"), receiptText(acme, id).get());
                assertFalse(carrier.receivedAt.containsKey("missed"), "expired: never sent");
                await().atMost(Duration.ofSeconds(10)).until(() -> gauge(gateway, "edge_tenant_scheduled_depth") == 0
                        && gauge(gateway, "edge_tenant_inbound_depth") == 0);
            }
        }
    }

    private static Optional<String> receiptText(CloudhopperTenant tenant, String messageId) {
        return tenant.receipts().stream().filter(r -> messageId.equals(r.receiptedMessageId()))
                .map(CloudhopperTenant.Receipt::text).findFirst();
    }
}
