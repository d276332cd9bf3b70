package io.edgegw.simulator.smsc;

import io.edgegw.simulator.TestEsme;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitSmResp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedSmscTest {
    private static final byte RECEIPT_REQUESTED = SMSCDeliveryReceipt.SUCCESS_FAILURE.value();

    @Test
    void observerSeesEveryAcceptedSubmitWithItsTextAndCarrierId() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        SubmitObserver observer = (text, id) -> seen.put(new String(text, StandardCharsets.ISO_8859_1), id);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0), observer);
             TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSMITTER, "tenant", "any");
            String first = assertInstanceOf(SubmitSmResp.class, esme.submit("first", (byte) 0)).getMessageId();
            String second = assertInstanceOf(SubmitSmResp.class, esme.submit("second", (byte) 0)).getMessageId();
            assertEquals(Map.of("first", first, "second", second), seen);
        }
    }

    @Test
    void wrongPasswordIsRefusedWithInvalidPassword() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withCredentials("tenant", "secret");
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config); TestEsme esme = new TestEsme(smsc.port())) {
            Command resp = esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "wrong");
            assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, resp.getCommandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVPASWD, resp.getCommandStatus());
            assertEquals(1, smsc.counters().bindsRefused());
        }
    }

    @Test
    void unknownSystemIdIsRefusedWithInvalidSystemId() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withCredentials("tenant", "secret");
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config); TestEsme esme = new TestEsme(smsc.port())) {
            Command resp = esme.bind(SMPPConstant.CID_BIND_TRANSMITTER, "stranger", "secret");
            assertEquals(SMPPConstant.STAT_ESME_RINVSYSID, resp.getCommandStatus());
        }
    }

    @Test
    void receiptCarriesAppendixBTextAndTlvs() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0));
             TestEsme esme = new TestEsme(smsc.port())) {
            assertEquals(SMPPConstant.STAT_ESME_ROK,
                    esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any").getCommandStatus());
            SubmitSmResp resp = assertInstanceOf(SubmitSmResp.class,
                    esme.submit("hello from the simulator test", RECEIPT_REQUESTED));
            DeliverSm receipt = assertInstanceOf(DeliverSm.class, esme.next());
            assertTrue(MessageType.SMSC_DEL_RECEIPT.containedIn(receipt.getEsmClass()));
            String text = new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1);
            assertTrue(text.matches("id:" + resp.getMessageId() + " sub:001 dlvrd:001 submit date:\\d{10}"
                    + " done date:\\d{10} stat:DELIVRD err:000 text:hello from the simul"), text);
            OptionalParameter.COctetString receipted = (OptionalParameter.COctetString)
                    receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
            assertEquals(resp.getMessageId(), receipted.getValueAsString());
            await().until(() -> smsc.counters().receiptsAcknowledged() == 1);
        }
    }

    @Test
    void receiptForASessionThatUnboundIsDeliveredWhenASessionBindsAgain() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withTiming(0, 300);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config)) {
            String messageId;
            try (TestEsme first = new TestEsme(smsc.port())) {
                first.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
                messageId = assertInstanceOf(SubmitSmResp.class, first.submit("held", RECEIPT_REQUESTED)).getMessageId();
                assertEquals(SMPPConstant.CID_UNBIND_RESP, first.unbind().getCommandId());
            }
            await().until(() -> smsc.heldReceipts() == 1);
            try (TestEsme second = new TestEsme(smsc.port())) {
                second.bind(SMPPConstant.CID_BIND_RECEIVER, "tenant", "any");
                DeliverSm receipt = assertInstanceOf(DeliverSm.class, second.next());
                assertTrue(new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1)
                        .startsWith("id:" + messageId + " "));
                await().until(() -> smsc.counters().receiptsAcknowledged() == 1);
            }
        }
    }

    @Test
    void receiptForASubmitOnATransmitterBindGoesToTheReceiverBindOfTheSameSystemId() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0));
             TestEsme tx = new TestEsme(smsc.port()); TestEsme rx = new TestEsme(smsc.port())) {
            assertEquals(SMPPConstant.STAT_ESME_ROK,
                    rx.bind(SMPPConstant.CID_BIND_RECEIVER, "tenant", "any").getCommandStatus());
            assertEquals(SMPPConstant.STAT_ESME_ROK,
                    tx.bind(SMPPConstant.CID_BIND_TRANSMITTER, "tenant", "any").getCommandStatus());
            String messageId = assertInstanceOf(SubmitSmResp.class, tx.submit("split", RECEIPT_REQUESTED))
                    .getMessageId();
            DeliverSm receipt = assertInstanceOf(DeliverSm.class, rx.next());
            assertTrue(new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1)
                    .startsWith("id:" + messageId + " "));
            await().until(() -> smsc.counters().receiptsAcknowledged() == 1);
        }
    }

    @Test
    void submitOnAReceiverBindIsRefusedWithInvalidBindStatus() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0));
             TestEsme rx = new TestEsme(smsc.port())) {
            rx.bind(SMPPConstant.CID_BIND_RECEIVER, "tenant", "any");
            Command resp = rx.submit("not here", (byte) 0);
            assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, resp.getCommandId());
            assertEquals(SMPPConstant.STAT_ESME_RINVBNDSTS, resp.getCommandStatus());
        }
    }

    @Test
    void receiptLeftUnansweredIsSentAgain() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withReceipts(true, 200);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config); TestEsme esme = new TestEsme(smsc.port())) {
            esme.ignoreDeliverSm();
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            String messageId = assertInstanceOf(SubmitSmResp.class, esme.submit("again", RECEIPT_REQUESTED)).getMessageId();
            DeliverSm first = assertInstanceOf(DeliverSm.class, esme.next());
            DeliverSm second = assertInstanceOf(DeliverSm.class, esme.next());
            assertEquals(new String(first.getShortMessage(), StandardCharsets.ISO_8859_1),
                    new String(second.getShortMessage(), StandardCharsets.ISO_8859_1));
            assertTrue(new String(second.getShortMessage(), StandardCharsets.ISO_8859_1).startsWith("id:" + messageId));
            assertTrue(smsc.counters().receiptsResent() >= 1);
        }
    }

    @Test
    void aReceiptRefusedWhileTheEsmeIsBusyIsSentAgainAfterTheResendTimeoutNotUsedUpInAMoment() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withReceipts(true, 200);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config); TestEsme esme = new TestEsme(smsc.port())) {
            // Busy for 300 ms from its first refusal: longer than five refusals answered at once take, shorter than
            // the resend timeouts of the attempts a receipt has.
            esme.refuseDeliverSmFor(SMPPConstant.STAT_ESME_RX_T_APPN, 300);
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            assertInstanceOf(SubmitSmResp.class, esme.submit("busy", RECEIPT_REQUESTED));
            await().atMost(Duration.ofSeconds(10)).until(() -> smsc.counters().receiptsAcknowledged() == 1
                    || smsc.counters().receiptsDropped() > 0);
            assertEquals(0, smsc.counters().receiptsDropped(), "refusals before the receipt was dropped: "
                    + esme.deliverSmRefused());
            assertEquals(1, smsc.counters().receiptsAcknowledged());
            assertTrue(esme.deliverSmRefused() >= 1);
        }
    }

    @Test
    void failureOnlyRequestGetsAReceiptOnlyWhenDeliveryFails() throws Exception {
        byte failureOnly = SMSCDeliveryReceipt.FAILURE.value();
        SmscConfig delivering = SmscConfig.defaults("127.0.0.1", 0);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(delivering); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            esme.submit("delivered, no receipt wanted", failureOnly);
            String marker = assertInstanceOf(SubmitSmResp.class, esme.submit("marker", RECEIPT_REQUESTED)).getMessageId();
            // Same session, in order: the first receipt to arrive must be the marker's.
            DeliverSm receipt = assertInstanceOf(DeliverSm.class, esme.next());
            assertTrue(new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1).startsWith("id:" + marker + " "));
        }
        SmscConfig failing = SmscConfig.defaults("127.0.0.1", 0).withOutcomes(OutcomeMix.parse("UNDELIV=1"));
        try (SimulatedSmsc smsc = SimulatedSmsc.start(failing); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(SMPPConstant.CID_BIND_TRANSCEIVER, "tenant", "any");
            esme.submit("undeliverable", failureOnly);
            DeliverSm receipt = assertInstanceOf(DeliverSm.class, esme.next());
            String text = new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1);
            assertTrue(text.contains(" dlvrd:000 ") && text.contains(" stat:UNDELIV err:001 "), text);
        }
    }
}
