package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.simulator.smsc.MessageIdFormat;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An independently written ESME (Cloudhopper ch-smpp) binds, submits and gets its receipts. */
class CloudhopperInteropTest {
    @TempDir
    Path storage;

    @Test
    void cloudhopperTransceiverSubmitsAndReceivesReceiptsCarryingTheGatewayIds() throws Exception {
        // The carrier uses decimal ids, the gateway hex: the tenant must only ever see the gateway's ids.
        SmscConfig carrier = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge")
                .withTiming(0, 10).withMessageIdFormat(MessageIdFormat.DECIMAL);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(carrier);
             Gateway gateway = GatewayFixture.start(storage, smsc.port());
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                SubmitSmResp resp = tenant.submit("4479000" + i, "hello " + i);
                assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
                assertFalse(resp.getMessageId().isEmpty());
                ids.add(resp.getMessageId());
            }
            assertEquals(50, ids.size(), "message ids are unique");

            await().atMost(Duration.ofSeconds(30)).until(() -> tenant.receipts().size() >= 50);
            Set<String> receipted = tenant.receipts().stream().map(CloudhopperTenant.Receipt::receiptedMessageId)
                    .collect(Collectors.toSet());
            assertEquals(ids, receipted);
            assertTrue(tenant.receipts().stream().allMatch(r -> r.text().contains("stat:DELIVRD")
                    && ids.contains(r.text().replaceFirst("^id:(\\S+).*$", "$1"))), "receipt text carries the gateway id");
        }
    }
}
