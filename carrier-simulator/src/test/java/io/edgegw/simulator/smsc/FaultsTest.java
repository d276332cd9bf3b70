package io.edgegw.simulator.smsc;

import io.edgegw.simulator.TestEsme;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.EnquireLinkResp;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitSmResp;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each fault switched on a running SMSC, seen by an ESME over loopback, then cleared. */
class FaultsTest {
    private static final byte RECEIPT_REQUESTED = SMSCDeliveryReceipt.SUCCESS_FAILURE.value();
    private static final int TRX = SMPPConstant.CID_BIND_TRANSCEIVER;

    private static SimulatedSmsc start() throws InterruptedException {
        return SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0));
    }

    private static int submitStatus(TestEsme esme, String text) throws Exception {
        return assertInstanceOf(SubmitSmResp.class, esme.submit(text, (byte) 0)).getCommandStatus();
    }

    @Test
    void refusedBindsFaultRefusesNewBindsWithItsStatusUntilCleared() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme bound = new TestEsme(smsc.port())) {
            bound.bind(TRX, "tenant", "any");
            smsc.faults().update(f -> f.withRefusedBinds(SMPPConstant.STAT_ESME_RBINDFAIL));
            try (TestEsme refused = new TestEsme(smsc.port())) {
                assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, refused.bind(TRX, "tenant", "any").getCommandStatus());
                await().until(() -> !refused.isOpen());
            }
            assertEquals(1, smsc.counters().bindsRefused());
            assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(bound, "sessions bound before keep working"));

            smsc.faults().clear();
            try (TestEsme again = new TestEsme(smsc.port())) {
                assertEquals(SMPPConstant.STAT_ESME_ROK, again.bind(TRX, "tenant", "any").getCommandStatus());
            }
        }
    }

    @Test
    void dropNowClosesEveryOpenConnectionAndNewOnesBindAgain() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme first = new TestEsme(smsc.port());
             TestEsme second = new TestEsme(smsc.port())) {
            first.bind(TRX, "tenant", "any");
            second.bind(SMPPConstant.CID_BIND_TRANSMITTER, "tenant", "any");
            assertEquals(2, smsc.faults().dropConnections());
            await().until(() -> !first.isOpen() && !second.isOpen());
            assertEquals(2, smsc.counters().connectionsDropped());
            try (TestEsme again = new TestEsme(smsc.port())) {
                assertEquals(SMPPConstant.STAT_ESME_ROK, again.bind(TRX, "tenant", "any").getCommandStatus());
                assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(again, "after the drop"));
            }
        }
    }

    @Test
    void dropAfterClosesEachSessionThatBindsWhileSetAndClearingStopsIt() throws Exception {
        try (SimulatedSmsc smsc = start()) {
            smsc.faults().update(f -> f.withDropAfter(50));
            try (TestEsme esme = new TestEsme(smsc.port())) {
                assertEquals(SMPPConstant.STAT_ESME_ROK, esme.bind(TRX, "tenant", "any").getCommandStatus());
                await().until(() -> !esme.isOpen());
            }
            assertEquals(1, smsc.counters().connectionsDropped());
            smsc.faults().clear();
            try (TestEsme esme = new TestEsme(smsc.port())) {
                esme.bind(TRX, "tenant", "any");
                assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(esme, "kept"));
            }
        }
    }

    @Test
    void silentSmscReadsEverythingAndAnswersNothingUntilCleared() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme existing = new TestEsme(smsc.port());
             TestEsme fresh = new TestEsme(smsc.port())) {
            existing.bind(TRX, "tenant", "any");
            smsc.faults().update(f -> f.withSilent(true));
            existing.sendSubmit("into the void", RECEIPT_REQUESTED);
            existing.sendEnquireLink();
            fresh.sendBind(TRX, "tenant", "any");
            await().until(() -> smsc.counters().pdusIgnored() == 3);
            assertTrue(existing.isOpen() && fresh.isOpen(), "a silent SMSC keeps the TCP connection open");

            smsc.faults().clear();
            // Answers come in order on each connection: the first one is for the request sent after clearing.
            int link = existing.sendEnquireLink();
            Command linkResp = assertInstanceOf(EnquireLinkResp.class, existing.next());
            assertEquals(link, linkResp.getSequenceNumber());
            int bind = fresh.sendBind(TRX, "tenant", "any");
            Command bindResp = fresh.next();
            assertEquals(bind, bindResp.getSequenceNumber());
            assertEquals(SMPPConstant.STAT_ESME_ROK, bindResp.getCommandStatus());
            assertEquals(0, smsc.counters().submitsAnswered(SMPPConstant.STAT_ESME_ROK));
        }
    }

    @Test
    void receiptsWaitingWhileSilentAreSentOnceSilenceEnds() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withReceipts(true, 100);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config); TestEsme esme = new TestEsme(smsc.port())) {
            esme.ignoreDeliverSm(); // so the receipt stays outstanding and is routed again while silent
            esme.bind(TRX, "tenant", "any");
            String id = assertInstanceOf(SubmitSmResp.class, esme.submit("later", RECEIPT_REQUESTED)).getMessageId();
            assertInstanceOf(DeliverSm.class, esme.next());
            smsc.faults().update(f -> f.withSilent(true));
            await().until(() -> smsc.heldReceipts() == 1);
            int sentBefore = (int) (smsc.counters().receiptsSent() + smsc.counters().receiptsResent());

            smsc.faults().clear();
            await().until(() -> smsc.counters().receiptsSent() + smsc.counters().receiptsResent() > sentBefore);
            Command next = esme.next();
            while (!(next instanceof DeliverSm)) {
                next = esme.next();
            }
            assertTrue(new String(((DeliverSm) next).getShortMessage(), StandardCharsets.ISO_8859_1).startsWith("id:" + id));
        }
    }

    @Test
    void throttleFaultRefusesSubmitsAboveTheRateAndClearingRestoresTheConfiguredCap() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(TRX, "tenant", "any");
            smsc.faults().update(f -> f.withThrottle(1));
            int throttled = 0;
            for (int i = 0; i < 5; i++) {
                if (submitStatus(esme, "burst " + i) == SMPPConstant.STAT_ESME_RTHROTTLED) {
                    throttled++;
                }
            }
            assertTrue(throttled >= 2, "1/s lets at most 3 of 5 through even across two second boundaries: " + throttled);
            assertEquals(throttled, smsc.counters().submitsThrottled());

            smsc.faults().clear(); // configured: unlimited
            for (int i = 0; i < 5; i++) {
                assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(esme, "calm " + i));
            }
        }
    }

    @Test
    void errorMixAnswersOnlyItsStatusesAndClearingRestoresOk() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(TRX, "tenant", "any");
            smsc.faults().update(f -> f.withErrors(ErrorMix.parse("ESME_RSYSERR=50,ESME_RSUBMITFAIL=50")));
            for (int i = 0; i < 20; i++) {
                int status = submitStatus(esme, "doomed " + i);
                assertTrue(Set.of(SMPPConstant.STAT_ESME_RSYSERR, SMPPConstant.STAT_ESME_RSUBMITFAIL).contains(status),
                        "status 0x" + Integer.toHexString(status));
            }
            assertEquals(20, smsc.counters().submitsErrored());

            smsc.faults().clear();
            assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(esme, "fine again"));
            assertEquals(20, smsc.counters().submitsErrored());
        }
    }

    @Test
    void latencySpikeDelaysAnswersWithoutLosingThem() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(TRX, "tenant", "any");
            smsc.faults().update(f -> f.withLatency(50, 100));
            assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(esme, "slow"));
            assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(esme, "slow too"));
            assertEquals(2, smsc.counters().submitsDelayed());

            smsc.faults().clear();
            assertEquals(SMPPConstant.STAT_ESME_ROK, submitStatus(esme, "quick"));
            assertEquals(2, smsc.counters().submitsDelayed());
        }
    }

    @Test
    void receiptLossSuppressesReceiptsUntilCleared() throws Exception {
        try (SimulatedSmsc smsc = start(); TestEsme esme = new TestEsme(smsc.port())) {
            esme.bind(TRX, "tenant", "any");
            smsc.faults().update(f -> f.withReceiptLoss(100));
            assertInstanceOf(SubmitSmResp.class, esme.submit("never receipted", RECEIPT_REQUESTED));
            assertEquals(1, smsc.counters().receiptsSuppressed());

            smsc.faults().clear();
            String marker = assertInstanceOf(SubmitSmResp.class, esme.submit("marker", RECEIPT_REQUESTED)).getMessageId();
            // Same session, in order: the first receipt to arrive must be the marker's.
            DeliverSm receipt = assertInstanceOf(DeliverSm.class, esme.next());
            assertTrue(new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1).startsWith("id:" + marker + " "));
        }
    }

    @Test
    void errorMixRejectsUnknownStatusesAndSharesAbove100Percent() {
        assertEquals("errors: unknown command_status 'ESME_NOPE' (use a jSMPP name such as ESME_RSYSERR, or hex)",
                assertThrows(IllegalArgumentException.class, () -> ErrorMix.parse("ESME_NOPE=10")).getMessage());
        assertEquals("errors: shares add up to 120%, at most 100",
                assertThrows(IllegalArgumentException.class, () -> ErrorMix.parse("ESME_RSYSERR=60,ESME_RSUBMITFAIL=60")).getMessage());
        assertEquals("ESME_RSYSERR=10,ESME_RSUBMITFAIL=5", ErrorMix.parse("esme_rsyserr=10, ESME_RSUBMITFAIL=5").toString());
    }
}
