package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import io.edgegw.core.Gateway;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * MO from a carrier (Cloudhopper's SMSC) reaches the tenant owning the number, in order, even when the tenant binds
 * only after a gateway restart; MO to a number nobody owns is refused so the carrier knows.
 */
class MobileOriginatedTest {
    @TempDir
    Path storage;

    @Test
    void moWaitsOnDiskAcrossARestartAndArrivesInOrderWhenTheTenantBinds() throws Exception {
        int carrierPort;
        try (ServerSocket reserve = new ServerSocket(0)) {
            carrierPort = reserve.getLocalPort();
        }
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(carrierPort)) {
            try (Gateway gateway = GatewayFixture.start(storage, carrierPort)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !carrier.sessions.isEmpty());
                for (int i = 0; i < 5; i++) {
                    assertEquals(SMPPConstant.STAT_ESME_ROK, carrier.sendMo("447911000" + i, "44700091234", "mo " + i));
                }
                assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR, carrier.sendMo("447911000", "99999", "nobody's"));
            }
            // the gateway stopped with the MO queued and nobody bound; it starts again and acme binds only now
            try (Gateway gateway = GatewayFixture.start(storage, carrierPort);
                 CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                         SmppBindType.RECEIVER)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> acme.receipts().size() == 5);
                List<CloudhopperTenant.Receipt> got = List.copyOf(acme.receipts());
                for (int i = 0; i < 5; i++) {
                    assertEquals("mo " + i, got.get(i).text());
                    assertNull(got.get(i).receiptedMessageId(), "an MO is not a receipt");
                }
            }
        }
    }
}
