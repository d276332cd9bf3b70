package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.simulator.smsc.SubmitObserver;
import io.edgegw.simulator.wire.MessageFields;
import org.jsmpp.util.RelativeTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, validity: a tenant's default validity and a carrier's maximum, seen by the tenant (EXPIRED receipts) and
 * by the carrier (the validity_period of the submit_sm it reads), over real sockets with the simulated SMSC.
 */
class ValidityTest {
    private static final byte RECEIPT = SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED;

    @TempDir
    Path storage;

    /** The validity_period of each submit_sm the simulated carrier read, by message text. */
    private static final class Carrier implements SubmitObserver {
        final Map<String, String> validity = new ConcurrentHashMap<>();

        @Override
        public void received(byte[] shortMessage, MessageFields fields) {
            validity.put(new String(shortMessage, StandardCharsets.ISO_8859_1), fields.validityPeriod());
        }

        @Override
        public void accepted(byte[] shortMessage, String messageId) {
        }
    }

    /** Tenants acme ({@code acmeExtra} added to its keys) and beta; one carrier ({@code carrierExtra}). */
    private Gateway start(int carrierPort, String acmeExtra, String carrierExtra) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw %s }
                  - { id: beta, systemId: beta, password: beta-pw }
                carriers:
                  - { id: telco, systemId: edge, password: edge, window: 50, responseTimeoutMillis: 200,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] %s }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), acmeExtra, carrierPort, carrierExtra)));
    }

    /** Seconds of a relative time field ({@code 0000DDhhmmss000R}, no years or months). */
    private static long relativeSeconds(String v) {
        assertEquals(16, v.length(), v);
        assertTrue(v.startsWith("0000") && v.endsWith("000R"), "relative, in days at most: " + v);
        return Long.parseLong(v.substring(4, 6)) * 86_400 + Long.parseLong(v.substring(6, 8)) * 3600
                + Long.parseLong(v.substring(8, 10)) * 60 + Long.parseLong(v.substring(10, 12));
    }

    private static void assertBetween(long low, long high, long actual, String what) {
        assertTrue(actual >= low && actual <= high, what + ": " + actual + " s, expected " + low + ".." + high);
    }

    @Test
    void theCarrierSeesWhatIsLeftOfEachValidityClippedToItsMaximum() throws Exception {
        Carrier carrier = new Carrier();
        try (SimulatedSmsc smsc = SimulatedSmsc.start(
                SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"), carrier);
             Gateway gateway = start(smsc.port(), ", defaultValiditySeconds: 300", ", maxValiditySeconds: 600");
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER);
             CloudhopperTenant beta = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "beta", "beta-pw",
                     SmppBindType.TRANSCEIVER)) {
            acme.submit("447700900001", "a day", RECEIPT, RelativeTimeFormatter.format(0, 0, 1, 0, 0, 0));
            acme.submit("447700900001", "two minutes", RECEIPT, RelativeTimeFormatter.format(0, 0, 0, 0, 2, 0));
            acme.submit("447700900001", "acme default", RECEIPT);
            beta.submit("447700900001", "beta none", RECEIPT);
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.validity.size() == 4);

            assertBetween(540, 600, relativeSeconds(carrier.validity.get("a day")), "a day, clipped to the carrier's");
            assertBetween(60, 120, relativeSeconds(carrier.validity.get("two minutes")), "its own, shorter");
            assertBetween(240, 300, relativeSeconds(carrier.validity.get("acme default")), "the tenant's default");
            assertBetween(540, 600, relativeSeconds(carrier.validity.get("beta none")), "none: the carrier's maximum");
        }
    }

    @Test
    void withoutACarrierMaximumOnlyAMessageWithAValidityCarriesOne() throws Exception {
        Carrier carrier = new Carrier();
        try (SimulatedSmsc smsc = SimulatedSmsc.start(
                SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"), carrier);
             Gateway gateway = start(smsc.port(), "", "");
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            acme.submit("447700900001", "an hour", RECEIPT, RelativeTimeFormatter.format(0, 0, 0, 1, 0, 0));
            acme.submit("447700900001", "none", RECEIPT);
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.validity.size() == 2);

            assertBetween(3540, 3600, relativeSeconds(carrier.validity.get("an hour")), "its own");
            assertEquals("", carrier.validity.get("none"), "no validity: the carrier's default applies");
        }
    }

    @Test
    void aMessageWithTheTenantsOneSecondDefaultExpiresBehindAnUnavailableCarrier() throws Exception {
        int nobody;
        try (ServerSocket reserve = new ServerSocket(0)) {
            nobody = reserve.getLocalPort(); // nothing listens there: no carrier bind ever comes up
        }
        try (Gateway gateway = start(nobody, ", defaultValiditySeconds: 1", "");
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            String defaulted = acme.submit("447700900001", "default validity", RECEIPT).getMessageId();
            String ownLonger = acme.submit("447700900001", "a day of its own", RECEIPT,
                    RelativeTimeFormatter.format(0, 0, 1, 0, 0, 0)).getMessageId();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiptText(acme, defaulted).isPresent());
            assertTrue(receiptText(acme, defaulted).get().contains("stat:EXPIRED"), receiptText(acme, defaulted).get());
            // its queue position completed: only the message with a validity of its own still waits
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.meters().get("edge_tenant_inbound_depth")
                    .tag("tenant", "acme").gauge().value() == 1);
            assertEquals(Optional.empty(), receiptText(acme, ownLonger), "its own validity, not the default");
        }
    }

    private static Optional<String> receiptText(CloudhopperTenant tenant, String messageId) {
        return tenant.receipts().stream().filter(r -> messageId.equals(r.receiptedMessageId()))
                .map(CloudhopperTenant.Receipt::text).findFirst();
    }
}
