package io.edgegw.core;

import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import io.edgegw.core.support.TestReceiver;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayFlowTest {
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start() {
        gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir), List.of());
        return gateway;
    }

    private static void awaitUntil(org.awaitility.core.ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion);
    }

    @Test
    void aSubmitIsAcknowledgedOnlyOnceItIsReadableFromTheTenantQueueOnDisk() {
        start();
        TestAck ack = new TestAck();
        assertEquals(0, gateway.ingress().submit("acme", TestConfigs.sms("447700900001", false), ack, 1));
        awaitUntil(() -> assertTrue(ack.answers.containsKey(1)));
        String id = ack.answers.get(1);
        assertEquals(16, id.length());

        try (ChronicleQueue q = ChronicleQueue.singleBuilder(dir.resolve("tenants/acme/inbound").toFile()).build();
             ExcerptTailer t = q.createTailer();
             DocumentContext dc = t.readingDocument()) {
            assertTrue(dc.isPresent(), "the acknowledged message is in the queue");
            QueueRecords.checkVersion(dc.wire().bytes());
            assertEquals(id, MessageIds.render(dc.wire().bytes().readLong()));
            dc.wire().bytes().readLong();
            assertEquals("447700900001", QueueRecords.readMessage(dc.wire().bytes()).destAddr());
        }
    }

    @Test
    void aMessageGoesToTheCarrierAndItsReceiptReachesTheTenantWithTheGatewayId() {
        gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir, ReceiptIds.DECIMAL_TO_HEX), List.of());
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        TestReceiver receiver = new TestReceiver("acme");
        gateway.registerCarrierBind(bind);
        gateway.registerReceiver(receiver);
        TestAck tenantAck = new TestAck();
        gateway.ingress().submit("acme", TestConfigs.sms("447700900002", true), tenantAck, 1);

        awaitUntil(() -> assertEquals(1, bind.offered.size()));
        OutboundSubmit sent = bind.offered.get(0);
        awaitUntil(() -> assertEquals(tenantAck.answers.get(1), sent.gatewayMessageId()));
        bind.answered();
        // the carrier answers its id in hex and writes the receipt in decimal, as configured: both must meet
        gateway.carrierListener().submitResponded(bind, sent, SmppStatus.ESME_ROK, "00FF");
        TestAck carrierAck = new TestAck();
        ShortMessage receipt = new ShortMessage((byte) 1, (byte) 1, "447700900002", (byte) 1, (byte) 1, "12345",
                (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                ("id:255 sub:001 dlvrd:001 submit date:2611230915 done date:2611230916 stat:DELIVRD err:000 text:hello")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(gateway.carrierListener().deliverReceived(bind, new CarrierDelivery(receipt, null, -1, null), carrierAck, 9));

        awaitUntil(() -> assertEquals(1, receiver.offered.size()));
        TenantDelivery d = receiver.offered.get(0);
        assertEquals(sent.gatewayMessageId(), d.receiptedMessageId());
        assertEquals(SmppStatus.STATE_DELIVERED, d.messageState());
        String text = new String(d.message().payload(), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("id:" + sent.gatewayMessageId() + " "), text);
        assertTrue(text.contains("stat:DELIVRD"), text);
        assertEquals(0x04, d.message().esmClass());
        assertEquals("", carrierAck.answers.get(9), "carrier's deliver_sm answered ESME_ROK");
        gateway.receiverListener().deliveryResponded(receiver, d, SmppStatus.ESME_ROK);
    }

    @Test
    void messagesInFlightOnALostBindAreOfferedAgainAndNoneIsLost() {
        start();
        TestBind first = new TestBind("telco", "telco/a#1", 5);
        gateway.registerCarrierBind(first);
        TestAck ack = new TestAck();
        for (int i = 1; i <= 5; i++) {
            gateway.ingress().submit("acme", TestConfigs.sms("44770090000" + i, false), ack, i);
        }
        awaitUntil(() -> assertEquals(5, first.offered.size()));

        first.ready = false;
        for (OutboundSubmit s : first.offered) {
            gateway.carrierListener().submitUnanswered(first, s);
        }
        gateway.unregisterCarrierBind(first);
        TestBind second = new TestBind("telco", "telco/b#1", 10);
        gateway.registerCarrierBind(second);

        awaitUntil(() -> assertEquals(ids(first.offered), ids(second.offered)));
        assertEquals(Set.copyOf(ack.answers.values()), ids(second.offered));
    }

    @Test
    void afterARestartUnfinishedMessagesAreOfferedAgainAndFinishedOnesAreNot() {
        start();
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        gateway.registerCarrierBind(bind);
        TestAck ack = new TestAck();
        for (int i = 1; i <= 3; i++) {
            gateway.ingress().submit("acme", TestConfigs.sms("44770090001" + i, false), ack, i);
        }
        awaitUntil(() -> assertEquals(3, bind.offered.size()));
        List<String> before = bind.offered.stream().map(OutboundSubmit::gatewayMessageId).toList();
        gateway.carrierListener().submitResponded(bind, bind.offered.get(0), SmppStatus.ESME_ROK, "c1");
        awaitUntil(() -> assertEquals(2.0, gateway.meters().get("edge_tenant_in_flight").tag("tenant", "acme")
                .gauge().value()));
        gateway.close();

        start();
        TestBind again = new TestBind("telco", "telco/a#1", 10);
        gateway.registerCarrierBind(again);
        TestAck ack2 = new TestAck();
        gateway.ingress().submit("acme", TestConfigs.sms("447700900020", false), ack2, 4);
        awaitUntil(() -> assertEquals(3, again.offered.size()));
        assertEquals(3.0, gateway.meters().get("edge_tenant_inbound_depth").tag("tenant", "acme").gauge().value());
        // messages are read in order, so had the finished one come back it would sit before the new one
        assertEquals(List.of(before.get(1), before.get(2), ack2.answers.get(4)),
                again.offered.stream().map(OutboundSubmit::gatewayMessageId).toList());
    }

    @Test
    void aMessageWithNoRouteEndsAsAnUndeliverableReceiptToTheTenant() {
        start();
        TestReceiver receiver = new TestReceiver("acme");
        gateway.registerReceiver(receiver);
        TestAck ack = new TestAck();
        gateway.ingress().submit("acme", TestConfigs.sms("33123456789", true), ack, 1);
        awaitUntil(() -> assertEquals(1, receiver.offered.size()));
        TenantDelivery d = receiver.offered.get(0);
        assertEquals(ack.answers.get(1), d.receiptedMessageId());
        assertTrue(new String(d.message().payload(), StandardCharsets.ISO_8859_1).contains("stat:UNDELIV"));
    }

    @Test
    void aPermanentCarrierErrorEndsAsARejectedReceipt() {
        start();
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        TestReceiver receiver = new TestReceiver("acme");
        gateway.registerCarrierBind(bind);
        gateway.registerReceiver(receiver);
        gateway.ingress().submit("acme", TestConfigs.sms("447700900003", true), new TestAck(), 1);
        awaitUntil(() -> assertEquals(1, bind.offered.size()));
        gateway.carrierListener().submitResponded(bind, bind.offered.get(0), SmppStatus.ESME_RINVDSTADR, null);
        awaitUntil(() -> assertEquals(1, receiver.offered.size()));
        String text = new String(receiver.offered.get(0).message().payload(), StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("stat:REJECTD") && text.contains("err:011"), text);
    }

    @Test
    void aMobileOriginatedMessageToANumberNobodyOwnsIsRefused() {
        start();
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        TestAck ack = new TestAck();
        gateway.carrierListener().deliverReceived(bind, new CarrierDelivery(TestConfigs.sms("99999", false), null, -1,
                null), ack, 3);
        awaitUntil(() -> assertEquals("!" + SmppStatus.ESME_RINVDSTADR, ack.answers.get(3)));
    }

    @Test
    void aMobileOriginatedMessageReachesTheTenantOwningTheNumberAfterItIsQueued() {
        start();
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        TestAck ack = new TestAck();
        gateway.carrierListener().deliverReceived(bind, new CarrierDelivery(TestConfigs.sms("1234567", false), null, -1,
                null), ack, 4);
        awaitUntil(() -> assertTrue(ack.answers.containsKey(4)));
        assertTrue(!ack.answers.get(4).startsWith("!"), "MO to an owned number is accepted: " + ack.answers.get(4));
        // the tenant binds only now: the MO waited in its outbound queue
        TestReceiver receiver = new TestReceiver("acme");
        gateway.registerReceiver(receiver);
        awaitUntil(() -> assertEquals(1, receiver.offered.size()));
        TenantDelivery d = receiver.offered.get(0);
        assertEquals("1234567", d.message().destAddr());
        assertEquals(null, d.receiptedMessageId());
        assertEquals(-1, d.messageState());
    }

    @Test
    void aReceiptThatOvertakesItsSubmitResponseIsHeldUntilTheResponseArrives() {
        start();
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        TestReceiver receiver = new TestReceiver("acme");
        gateway.registerCarrierBind(bind);
        gateway.registerReceiver(receiver);
        gateway.ingress().submit("acme", TestConfigs.sms("447700900004", true), new TestAck(), 1);
        awaitUntil(() -> assertEquals(1, bind.offered.size()));
        OutboundSubmit sent = bind.offered.get(0);

        TestAck carrierAck = new TestAck();
        ShortMessage receipt = new ShortMessage((byte) 1, (byte) 1, "447700900004", (byte) 1, (byte) 1, "12345",
                (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "id:X9 stat:UNDELIV err:001".getBytes(StandardCharsets.ISO_8859_1));
        gateway.carrierListener().deliverReceived(bind, new CarrierDelivery(receipt, "x9", 5, null), carrierAck, 4);
        gateway.carrierListener().submitResponded(bind, sent, SmppStatus.ESME_ROK, "X9");

        awaitUntil(() -> assertEquals(1, receiver.offered.size()));
        assertEquals(sent.gatewayMessageId(), receiver.offered.get(0).receiptedMessageId());
        assertEquals(SmppStatus.STATE_UNDELIVERABLE, receiver.offered.get(0).messageState());
        assertEquals("", carrierAck.answers.get(4));
    }

    @Test
    void aThrottledSubmitIsOfferedAgain() {
        start();
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        gateway.registerCarrierBind(bind);
        gateway.ingress().submit("acme", TestConfigs.sms("447700900005", false), new TestAck(), 1);
        awaitUntil(() -> assertEquals(1, bind.offered.size()));
        bind.answered();
        gateway.carrierListener().submitResponded(bind, bind.offered.get(0), SmppStatus.ESME_RTHROTTLED, null);
        awaitUntil(() -> assertEquals(2, bind.offered.size()));
        assertEquals(bind.offered.get(0).gatewayMessageId(), bind.offered.get(1).gatewayMessageId());
    }

    @Test
    void aReceiptIsHeldOnDiskWhileNoReceiverIsBoundAndDeliveredOnceOneIs() {
        start();
        TestAck ack = new TestAck();
        gateway.ingress().submit("acme", TestConfigs.sms("999", true), ack, 1); // no route: failed receipt
        awaitUntil(() -> assertEquals(1.0, gateway.meters().get("edge_tenant_outbound_depth").tag("tenant", "acme")
                .gauge().value()));
        gateway.close();
        start();
        TestReceiver receiver = new TestReceiver("acme");
        gateway.registerReceiver(receiver);
        awaitUntil(() -> assertEquals(1, receiver.offered.size()));
        assertEquals(ack.answers.get(1), receiver.offered.get(0).receiptedMessageId());
    }

    private static Set<String> ids(List<OutboundSubmit> submits) {
        return submits.stream().map(OutboundSubmit::gatewayMessageId).collect(Collectors.toSet());
    }
}
