package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.simulator.smsc.OutcomeMix;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** registered_delivery as the tenant sees it: no receipt, receipts on failure only, or always. */
class ReceiptRequestTest {
    private static final int EACH = 20;

    @TempDir
    Path storage;

    @Test
    void tenantGetsReceiptsExactlyAsItsRegisteredDeliveryAsked() throws Exception {
        SmscConfig carrier = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge")
                .withOutcomes(OutcomeMix.parse("DELIVRD=1,UNDELIV=1"));
        try (SimulatedSmsc smsc = SimulatedSmsc.start(carrier);
             Gateway gateway = GatewayFixture.start(storage, smsc.port());
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            Set<String> failureOnly = submit(tenant, SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_ON_FAILURE);
            Set<String> none = submit(tenant, SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_NOT_REQUESTED);
            Set<String> always = submit(tenant, SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                Set<String> receipted = receiptedIds(tenant);
                return receipted.containsAll(always) && tenant.receipts().size() == smsc.counters().receiptsSent();
            });

            assertFalse(receiptedIds(tenant).stream().anyMatch(none::contains), "no receipt was asked for these");
            assertTrue(tenant.receipts().stream().filter(r -> failureOnly.contains(r.receiptedMessageId()))
                    .noneMatch(r -> r.text().contains("stat:DELIVRD")), "failure-only got a success receipt");
            assertEquals(EACH, tenant.receipts().stream().filter(r -> always.contains(r.receiptedMessageId())).count());
        }
    }

    private static Set<String> submit(CloudhopperTenant tenant, byte registeredDelivery) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < EACH; i++) {
            SubmitSmResp resp = tenant.submit("4479200" + i, "rd " + registeredDelivery, registeredDelivery);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
            ids.add(resp.getMessageId());
        }
        return ids;
    }

    private static Set<String> receiptedIds(CloudhopperTenant tenant) {
        Set<String> ids = new HashSet<>();
        tenant.receipts().forEach(r -> ids.add(r.receiptedMessageId()));
        return ids;
    }
}
