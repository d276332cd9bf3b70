package io.edgegw.simulator.smsc;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real SMSC may deliver a receipt on any receiving bind of the account, not the one that took the submit; with
 * {@code receiptsOnRandomBind} the simulator does the same, so a gateway's receipt handling across binds (and across
 * instances) is exercised. The client is jSMPP's own session, independent of the simulator's wire code.
 */
class ReceiptsOnRandomBindTest {
    private static final String SYSTEM_ID = "edge";
    private static final int MESSAGES = 200;

    private final List<SMPPSession> sessions = new ArrayList<>();
    private SimulatedSmsc smsc;

    /** Receipt ids by the index of the bind they arrived on, every arrival kept (duplicates too). */
    private final Map<Integer, List<String>> arrivals = new ConcurrentHashMap<>();

    @AfterEach
    void close() {
        sessions.forEach(SMPPSession::unbindAndClose);
        if (smsc != null) {
            smsc.close();
        }
    }

    @Test
    @Timeout(120)
    void eachReceiptArrivesOnceOnReceivingBindsDrawnAtRandom() throws Exception {
        smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withReceiptsOnRandomBind(true));
        List<String> submitted = submitAllOnTheFirstOf(List.of(BindType.BIND_TRX, BindType.BIND_TRX, BindType.BIND_TRX,
                BindType.BIND_RX, BindType.BIND_TX));

        List<String> all = awaitReceipts();
        assertEquals(MESSAGES, all.size(), "one receipt per message, none twice: " + counts());
        assertEquals(new HashSet<>(submitted), new HashSet<>(all), "the receipts are those of the submits");
        for (int bind = 0; bind < 4; bind++) {
            assertTrue(arrivals.getOrDefault(bind, List.of()).size() > 0,
                    "receipts spread over every receiving bind (3 transceivers, 1 receiver): " + counts());
        }
        assertTrue(arrivals.getOrDefault(4, List.of()).isEmpty(), "none on the transmitter: " + counts());
        assertEquals(0, smsc.counters().receiptsResent(), "none sent twice");
    }

    @Test
    @Timeout(120)
    void withoutTheOptionEachReceiptArrivesOnTheBindThatTookItsSubmit() throws Exception {
        smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0));
        List<String> submitted = submitAllOnTheFirstOf(List.of(BindType.BIND_TRX, BindType.BIND_TRX,
                BindType.BIND_RX));

        List<String> all = awaitReceipts();
        assertEquals(new HashSet<>(submitted), new HashSet<>(all));
        assertEquals(MESSAGES, arrivals.getOrDefault(0, List.of()).size(), "all on the submitting bind: " + counts());
    }

    /** Binds one session per type, then submits every message on the first; returns the carrier's message ids. */
    private List<String> submitAllOnTheFirstOf(List<BindType> types) throws Exception {
        for (int i = 0; i < types.size(); i++) {
            SMPPSession s = new SMPPSession();
            s.setTransactionTimer(10_000);
            s.setMessageReceiverListener(new Receipts(i));
            s.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(types.get(i), SYSTEM_ID, "pw", "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            sessions.add(s);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            ids.add(sessions.get(0).submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    "1000", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "4479000001", new ESMClass(),
                    (byte) 0, (byte) 0, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                    (byte) 0, DataCodings.ZERO, (byte) 0, ("m" + i).getBytes(StandardCharsets.ISO_8859_1))
                    .getMessageId());
        }
        return ids;
    }

    /** Every receipt id received, waiting (bounded) until as many have come as messages were sent. */
    private List<String> awaitReceipts() {
        await().atMost(Duration.ofSeconds(30)).until(() -> smsc.counters().receiptsAcknowledged() >= MESSAGES);
        List<String> all = new ArrayList<>();
        arrivals.values().forEach(all::addAll);
        return all;
    }

    private Map<Integer, Integer> counts() {
        Map<Integer, Integer> out = new ConcurrentHashMap<>();
        arrivals.forEach((bind, ids) -> out.put(bind, ids.size()));
        return out;
    }

    /** Keeps each receipt's id under the bind it came on; jSMPP answers the deliver_sm once this returns. */
    private final class Receipts implements MessageReceiverListener {
        private final int bind;

        Receipts(int bind) {
            this.bind = bind;
        }

        @Override
        public void onAcceptDeliverSm(DeliverSm deliver) throws ProcessRequestException {
            try {
                arrivals.computeIfAbsent(bind, b -> new CopyOnWriteArrayList<>())
                        .add(deliver.getShortMessageAsDeliveryReceipt().getId());
            } catch (Exception e) {
                throw new ProcessRequestException("not a receipt: " + e.getMessage(), 0x45);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alert) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
            return null;
        }
    }
}
