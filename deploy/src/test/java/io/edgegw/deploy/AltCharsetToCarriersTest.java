package io.edgegw.deploy;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * data_coding 0 between a tenant and a carrier that mean different alphabets by it (Kannel's alt-charset, issue 14),
 * between independent peers: Cloudhopper as the tenant's ESME and as the carrier's SMSC.
 */
class AltCharsetToCarriersTest {
    @TempDir
    Path storage;

    @Test
    void aLatin1TenantsTextReachesAGsmCarrierAsGsmSeptets() throws Exception {
        int port = freePort();
        String text = "a@b[\u00E9]";
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = Gateway.start(config(port, "latin1", "gsm7"));
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme",
                     SmppBindType.TRANSCEIVER)) {
            SubmitSmResp resp = tenant.submitOctets("447700900123", text.getBytes(StandardCharsets.ISO_8859_1),
                    (byte) 0);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.submits.size() == 1);
            byte[] got = carrier.submits.get(0).getShortMessage();
            // '@' is GSM 0x00 (Latin-1 0x40), 'é' 0x05, '[' and ']' extension characters (ESC + code, two septets)
            assertArrayEquals(new byte[] {'a', 0x00, 'b', 0x1B, 0x3C, 0x05, 0x1B, 0x3E}, got);
            assertEquals(text, CharsetUtil.decode(got, CharsetUtil.CHARSET_GSM));
            assertEquals(0, carrier.submits.get(0).getDataCoding(), "still data_coding 0, the carrier's default");
        }
    }

    @Test
    void aGsmTenantsTextReachesALatin1CarrierAsLatin1() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = Gateway.start(config(port, "gsm7", "latin1"));
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme",
                     SmppBindType.TRANSCEIVER)) {
            assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900123", "5\u00A3 @ home").getCommandStatus());
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.submits.size() == 1);
            assertArrayEquals("5\u00A3 @ home".getBytes(StandardCharsets.ISO_8859_1),
                    carrier.submits.get(0).getShortMessage());
        }
    }

    @Test
    void aCharacterTheCarrierCannotCarryEndsRejectedAndIsNeverSentWithAQuestionMark() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = Gateway.start(config(port, "latin1", "gsm7"));
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme",
                     SmppBindType.TRANSCEIVER)) {
            SubmitSmResp resp = tenant.submitOctets("447700900123",
                    "caf\u00F4".getBytes(StandardCharsets.ISO_8859_1), (byte) 0); // ô is not in GSM 03.38
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus(), "taken: the carrier is not known yet");
            String id = resp.getMessageId();
            await().atMost(Duration.ofSeconds(30)).until(() -> tenant.receipts().stream()
                    .anyMatch(r -> id.equals(r.receiptedMessageId())));
            CloudhopperTenant.Receipt receipt = tenant.receipts().stream()
                    .filter(r -> id.equals(r.receiptedMessageId())).findFirst().orElseThrow();
            assertTrue(receipt.text().contains("stat:REJECTD"), receipt.text());
            assertTrue(receipt.text().contains("err:260"), receipt.text()); // ESME_RINVDCS 0x104, in decimal
            // a short message after it: once the carrier has it, the refused one would have been there before it
            assertEquals(SmppConstants.STATUS_OK, tenant.submitOctets("447700900123",
                    "marker".getBytes(StandardCharsets.ISO_8859_1), (byte) 0).getCommandStatus());
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.offered("marker") == 1);
            assertEquals(1, carrier.submits.size(), "the refused text never reached the carrier");
        }
    }

    private GatewayConfig config(int port, String tenantAlphabet, String carrierAlphabet) {
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme, defaultAlphabet: %s }
                carriers:
                  - { id: telco, systemId: edge, password: edge, defaultAlphabet: %s,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), tenantAlphabet, carrierAlphabet, port));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
