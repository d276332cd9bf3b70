package io.edgegw.core;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import io.edgegw.core.support.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many carriers send receipts whatever registered_delivery said. The gateway answers every one at once and
 * passes on only what the tenant asked for.
 */
class ReceiptRequestFlowTest {
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void unaskedReceiptsAreAnsweredToTheCarrierAndOnlyAskedOnesReachTheTenant() {
        gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir), List.of());
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        TestReceiver receiver = new TestReceiver("acme");
        gateway.registerCarrierBind(bind);
        gateway.registerReceiver(receiver);
        TestAck tenantAck = new TestAck();
        gateway.ingress().submit("acme", TestConfigs.sms("447700900010", 0), tenantAck, 1);
        gateway.ingress().submit("acme", TestConfigs.sms("447700900011", 2), tenantAck, 2);
        gateway.ingress().submit("acme", TestConfigs.sms("447700900012", 2), tenantAck, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.offered.size() == 3);
        for (int i = 0; i < 3; i++) {
            bind.answered();
            gateway.carrierListener().submitResponded(bind, bind.offered.get(i), SmppStatus.ESME_ROK, "c" + i);
        }

        TestAck carrierAck = new TestAck();
        deliver(bind, "c0", "DELIVRD", carrierAck, 10); // not asked for
        deliver(bind, "c1", "DELIVRD", carrierAck, 11); // failure only: a success is not passed on
        deliver(bind, "c2", "UNDELIV", carrierAck, 12); // failure only: passed on

        await().atMost(Duration.ofSeconds(10)).until(() -> carrierAck.answers.size() == 3);
        assertEquals("", carrierAck.answers.get(10), "carrier answered ESME_ROK, not held as unmatched");
        assertEquals("", carrierAck.answers.get(11));
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.offered.isEmpty());
        assertEquals(1, receiver.offered.size());
        OutboundSubmit failed = bind.offered.get(2);
        assertEquals(failed.gatewayMessageId(), receiver.offered.get(0).receiptedMessageId());
        assertTrue(new String(receiver.offered.get(0).message().payload(), StandardCharsets.ISO_8859_1)
                .contains("stat:UNDELIV"));
    }

    private void deliver(TestBind bind, String carrierId, String stat, TestAck ack, int seq) {
        ShortMessage receipt = new ShortMessage((byte) 1, (byte) 1, "447700900010", (byte) 1, (byte) 1, "12345",
                (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                ("id:" + carrierId + " sub:001 dlvrd:001 submit date:2611230915 done date:2611230916 stat:" + stat
                        + " err:000 text:hello").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(gateway.carrierListener().deliverReceived(bind, new CarrierDelivery(receipt, null, -1, null), ack, seq));
    }
}
