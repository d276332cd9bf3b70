package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acknowledged means durable: what the gateway holds when it stops is delivered after it starts again. */
class GatewayRestartTest {
    private static final int MESSAGES = 200;

    @TempDir
    Path storage;

    @Test
    void acknowledgedMessagesAndTheirReceiptsSurviveRestarts() throws Exception {
        int carrierPort;
        try (ServerSocket reserve = new ServerSocket(0)) {
            carrierPort = reserve.getLocalPort();
        }
        Set<String> acknowledged = new HashSet<>();

        // 1. The carrier is down: messages are acknowledged into the tenant's queue and stay there.
        try (Gateway gateway = GatewayFixture.start(storage, carrierPort);
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSMITTER)) {
            for (int i = 0; i < MESSAGES; i++) {
                SubmitSmResp resp = tenant.submit("4479100" + i, "queued " + i);
                assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
                acknowledged.add(resp.getMessageId());
            }
        }

        SmscConfig carrierConfig = SmscConfig.defaults("127.0.0.1", carrierPort).withCredentials("edge", "edge");
        try (SimulatedSmsc smsc = SimulatedSmsc.start(carrierConfig)) {
            // 2. Restarted with the carrier up and no tenant bound: every message goes out, receipts are held on disk.
            try (Gateway gateway = GatewayFixture.start(storage, carrierPort)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> smsc.counters().receiptsAcknowledged() >= MESSAGES);
            }
            // Duplicates toward a carrier are permitted; loss is not.
            assertTrue(smsc.counters().submitsReceived() >= MESSAGES, smsc.counters().statusLine());

            // 3. Restarted again: the held receipts reach the tenant when it binds, with the ids it was given.
            try (Gateway gateway = GatewayFixture.start(storage, carrierPort);
                 CloudhopperTenant receiver = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                         SmppBindType.RECEIVER)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receipts().size() >= MESSAGES);
                assertEquals(acknowledged, receiver.receipts().stream()
                        .map(CloudhopperTenant.Receipt::receiptedMessageId).collect(Collectors.toSet()));
            }
        }
    }
}
