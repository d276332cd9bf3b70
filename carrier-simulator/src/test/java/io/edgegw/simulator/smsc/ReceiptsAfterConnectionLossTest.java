package io.edgegw.simulator.smsc;

import io.edgegw.simulator.TestEsme;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a gateway killed with kill -9 leaves at its carrier: every bind of its system_id reset at the same instant,
 * each with receipts written and not yet answered. A real SMSC keeps those receipts and delivers them on the next
 * bind of the same system_id; so must the simulator, however the closes interleave on its event loops.
 */
class ReceiptsAfterConnectionLossTest {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    private static final String SYSTEM_ID = "edge";
    /** Submits (so receipts) per bind and round: well inside the simulator's window of unanswered receipts. */
    private static final int PER_BIND = 100;
    /**
     * Binds of the system_id, all reset together, on the simulator's two or more event loops. The closes interleave
     * differently each round; before the fix one round in 100-200 lost receipts (5 runs of 6 failed, at rounds 87-160).
     */
    private static final int BINDS = 8;
    private static final int ROUNDS = 200;

    /** A bind that reads nothing after its bind_resp, as a gateway frozen by SIGKILL; closed with a TCP reset. */
    private static final class FrozenBind implements AutoCloseable {
        private final Socket socket;
        private int sequence;

        FrozenBind(int port) throws Exception {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, ++sequence, SYSTEM_ID,
                    "pw", "", InterfaceVersion.IF_34.value(), TypeOfNumber.UNKNOWN.value(),
                    NumberingPlanIndicator.UNKNOWN.value(), null));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[16];
            in.readFully(header);
            int length = readInt(header, 0);
            in.readFully(new byte[length - 16]);
            assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, readInt(header, 4));
            assertEquals(SMPPConstant.STAT_ESME_ROK, readInt(header, 8));
        }

        /** Writes {@code count} submit_sm asking for a receipt, in one write. */
        void submit(String prefix, int count) throws Exception {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < count; i++) {
                all.writeBytes(COMPOSER.submitSm(++sequence, null, TypeOfNumber.INTERNATIONAL.value(),
                        NumberingPlanIndicator.ISDN.value(), "1000", TypeOfNumber.INTERNATIONAL.value(),
                        NumberingPlanIndicator.ISDN.value(), "4479000001", (byte) 0, (byte) 0, (byte) 0, null, null,
                        SMSCDeliveryReceipt.SUCCESS_FAILURE.value(), (byte) 0, (byte) 0, (byte) 0,
                        (prefix + i).getBytes(StandardCharsets.ISO_8859_1)));
            }
            socket.getOutputStream().write(all.toByteArray());
        }

        /** Arms a TCP reset (SO_LINGER 0): the next close drops the connection as a killed process's does. */
        void armReset() throws IOException {
            socket.setSoLinger(true, 0);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }

        private static int readInt(byte[] b, int at) {
            return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
        }
    }

    @Test
    @Timeout(180)
    void receiptsUnansweredOnEveryBindWhenAllItsConnectionsResetAtOnceAreDeliveredOnTheNextBind() throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        SubmitObserver observer = (text, id) -> accepted.add(id);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0), observer)) {
            for (int r = 0; r < ROUNDS; r++) {
                int round = r;
                accepted.clear();
                long sentBefore = smsc.counters().receiptsSent();
                List<FrozenBind> binds = new ArrayList<>();
                for (int i = 0; i < BINDS; i++) {
                    binds.add(new FrozenBind(smsc.port()));
                }
                for (int i = 0; i < BINDS; i++) {
                    binds.get(i).submit("r" + round + "-" + i + "-", PER_BIND);
                }
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).untilAsserted(() ->
                        assertEquals((long) BINDS * PER_BIND, smsc.counters().receiptsSent() - sentBefore,
                                "round " + round + ": receipts written"));
                for (FrozenBind b : binds) {
                    b.armReset();
                }
                for (FrozenBind b : binds) {
                    b.close(); // every connection reset within microseconds, as at a kill -9
                }

                Set<String> receipted = new HashSet<>();
                try (TestEsme next = new TestEsme(smsc.port())) {
                    Command bound = next.bind(SMPPConstant.CID_BIND_RECEIVER, SYSTEM_ID, "pw");
                    assertEquals(SMPPConstant.STAT_ESME_ROK, bound.getCommandStatus());
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (!receipted.containsAll(accepted) && System.nanoTime() < deadline) {
                        Command c = next.poll(100);
                        if (c instanceof DeliverSm receipt) {
                            receipted.add(((OptionalParameter.COctetString) receipt.getOptionalParameter(
                                    OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString());
                        }
                    }
                    Set<String> missing = new HashSet<>(accepted);
                    missing.removeAll(receipted);
                    assertTrue(missing.isEmpty(), "round " + round + ": " + missing.size() + " of " + accepted.size()
                            + " receipts never delivered on the next bind, e.g. " + missing.stream().limit(5).toList()
                            + "; dropped " + smsc.counters().receiptsDropped() + ", held " + smsc.heldReceipts());
                    await().atMost(Duration.ofSeconds(10)).until(() -> smsc.heldReceipts() == 0);
                    next.unbind();
                }
            }
            assertEquals(0, smsc.counters().receiptsDropped());
        }
    }
}
