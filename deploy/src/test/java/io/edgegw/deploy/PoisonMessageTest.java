package io.edgegw.deploy;

import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.queue.CommittedPosition;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.jsmpp.util.AbsoluteTimeFormatter;
import org.jsmpp.util.RelativeTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, no poison messages: a submit no carrier ever takes ends, with a failed receipt, after a bounded number
 * of attempts or a bounded age, and does not hold up the tenant's messages behind it.
 */
class PoisonMessageTest {
    private static final byte RECEIPT = SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED;
    private static final byte NO_RECEIPT = SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_NOT_REQUESTED;

    @TempDir
    Path storage;

    /** One tenant {@code acme} ({@code tenantExtra} added to its keys), one carrier on {@code carrierPort}. */
    private Gateway start(int carrierPort, String tenantExtra) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw %s }
                carriers:
                  - { id: telco, systemId: edge, password: edge, window: 50, responseTimeoutMillis: 200,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), tenantExtra, carrierPort)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            return reserve.getLocalPort();
        }
    }

    private static double tenantGauge(Gateway g, String name) {
        return g.meters().get(name).tag("tenant", "acme").gauge().value();
    }

    private static Optional<String> receiptText(CloudhopperTenant tenant, String messageId) {
        return tenant.receipts().stream().filter(r -> messageId.equals(r.receiptedMessageId()))
                .map(CloudhopperTenant.Receipt::text).findFirst();
    }

    /** The committed read position of acme's inbound queue, and the index of the last message in that queue. */
    private long[] committedAndLast() {
        Path dir = storage.resolve("tenants/acme");
        try (CommittedPosition committed = new CommittedPosition(dir.resolve("inbound.committed"));
             ChronicleQueue q = ChronicleQueue.singleBuilder(dir.resolve("inbound").toFile()).build()) {
            return new long[] {committed.get(), q.lastIndex()};
        }
    }

    @Test
    void aSubmitTheCarrierNeverAnswersEndsAfterTheAttemptBoundAndTheMessagesBehindItFlow() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port, "poison"::equals);
             Gateway gateway = start(port, "");
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            String poison = tenant.submit("447700900001", "poison", RECEIPT).getMessageId();
            for (int i = 0; i < 20; i++) {
                assertEquals(SmppConstants.STATUS_OK,
                        tenant.submit("447700900002", "fine " + i, NO_RECEIPT).getCommandStatus());
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> receiptText(tenant, poison).isPresent());
            assertTrue(receiptText(tenant, poison).get().contains("stat:UNDELIV"), receiptText(tenant, poison).get());
            // every offer counted, unanswered ones included: the default maxSubmitAttempts
            assertEquals(10, carrier.offered("poison"));
            for (int i = 0; i < 20; i++) {
                assertEquals(1, carrier.offered("fine " + i), "fine " + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> tenantGauge(gateway, "edge_tenant_inbound_depth") == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> committedAndLast()[0] == committedAndLast()[1]);
            assertEquals(1.0, gateway.meters().get("edge_tenant_submits_attempts_exhausted").tag("tenant", "acme")
                    .counter().count());
        }
    }

    /**
     * Before issue 13 the unanswered message stayed in flight, so 8,192 messages later the tenant's lane had no room
     * to read another: nothing more of that tenant went out, and no queue file after the message could go.
     */
    @Test
    void moreThanALanesWorthOfMessagesPassAMessageTheCarrierNeverAnswers() throws Exception {
        int port = freePort();
        int behind = 8_300;
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port, "poison"::equals);
             Gateway gateway = start(port, "");
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            tenant.submit("447700900001", "poison", NO_RECEIPT);
            List<WindowFuture<Integer, PduRequest, PduResponse>> answers = new ArrayList<>();
            for (int i = 0; i < behind; i++) {
                answers.add(tenant.submitAsync("447700900002", "m" + i));
            }
            for (WindowFuture<Integer, PduRequest, PduResponse> a : answers) {
                assertTrue(a.await(10_000) && a.isSuccess());
                assertEquals(SmppConstants.STATUS_OK, a.getResponse().getCommandStatus());
            }
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertEquals(behind + 1, carrier.offered.size(), "texts offered"));
            await().atMost(Duration.ofSeconds(30)).until(() -> tenantGauge(gateway, "edge_tenant_inbound_depth") == 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> committedAndLast()[0] == committedAndLast()[1]);
        }
    }

    @Test
    void messagesQueuedWhileNoCarrierIsBoundExpireByTheirValidityPeriod() throws Exception {
        try (Gateway gateway = start(freePort(), ""); // nothing listens there: no carrier bind ever comes up
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            String relative = tenant.submit("447700900001", "two seconds", RECEIPT,
                    RelativeTimeFormatter.format(0, 0, 0, 0, 0, 2)).getMessageId();
            Calendar soon = Calendar.getInstance(TimeZone.getTimeZone("Asia/Kolkata")); // +05:30, 22 quarter hours
            soon.add(Calendar.SECOND, 3);
            String absolute = tenant.submit("447700900001", "until then", RECEIPT,
                    new AbsoluteTimeFormatter().format(soon)).getMessageId();
            String unbounded = tenant.submit("447700900001", "no validity", RECEIPT).getMessageId();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiptText(tenant, relative).isPresent()
                    && receiptText(tenant, absolute).isPresent());
            assertTrue(receiptText(tenant, relative).get().contains("stat:EXPIRED"), receiptText(tenant, relative).get());
            assertTrue(receiptText(tenant, absolute).get().contains("stat:EXPIRED"), receiptText(tenant, absolute).get());
            assertEquals(Optional.empty(), receiptText(tenant, unbounded), "a message without validity keeps waiting");
            await().atMost(Duration.ofSeconds(10)).until(() -> tenantGauge(gateway, "edge_tenant_inbound_depth") == 1);
            assertEquals(2.0, gateway.meters().get("edge_tenant_submits_expired").tag("tenant", "acme")
                    .counter().count());
        }
    }

    @Test
    void aMessageQueuedWhileNoCarrierIsBoundExpiresAtTheTenantsMaximumAge() throws Exception {
        try (Gateway gateway = start(freePort(), ", maxMessageAgeSeconds: 2");
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            String id = tenant.submit("447700900001", "too old soon", RECEIPT).getMessageId();
            // a validity longer than the tenant's age: the shorter one wins
            String longer = tenant.submit("447700900001", "valid a day", RECEIPT,
                    RelativeTimeFormatter.format(0, 0, 1, 0, 0, 0)).getMessageId();
            await().atMost(Duration.ofSeconds(30)).until(() -> receiptText(tenant, id).isPresent()
                    && receiptText(tenant, longer).isPresent());
            assertTrue(receiptText(tenant, id).get().contains("stat:EXPIRED"), receiptText(tenant, id).get());
            assertTrue(receiptText(tenant, longer).get().contains("stat:EXPIRED"), receiptText(tenant, longer).get());
            await().atMost(Duration.ofSeconds(10)).until(() -> tenantGauge(gateway, "edge_tenant_inbound_depth") == 0);
        }
    }

    @Test
    void aMalformedValidityPeriodIsRefusedWithInvalidExpiry() throws Exception {
        try (Gateway gateway = start(freePort(), "");
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            for (String bad : new String[] {"240230120000000+", "2401011200000ab+", "240101120000057+",
                    "240101120000000X", "241301120000000-", "240101250000000+"}) {
                SubmitSmResp resp = tenant.submit("447700900001", "bad validity", RECEIPT, bad);
                assertEquals(SmppConstants.STATUS_INVEXPIRY, resp.getCommandStatus(), bad);
            }
            assertEquals(0.0, gateway.meters().get("edge_tenant_submits_accepted").tag("tenant", "acme")
                    .counter().count());
        }
    }
}
