package io.edgegw.simulator.smsc;

import io.edgegw.simulator.wire.MessageFields;
import io.edgegw.simulator.wire.Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A receiving session at the moment its connection is gone but its channelInactive has not run yet: the receipts
 * routed to it then must go to the hold (or another receiver), not back and forth between the router and the session
 * (a stack overflow, the receipts lost). And a sweep that resends to its own session must survive doing so.
 * An embedded channel with {@link InactiveLater} in front of the session holds that moment still; on a real event loop
 * it lasts while tasks queued before the close run.
 */
class ReceiptWindowTest {
    /** Holds channelInactive back from the handlers after it until {@link #release}. */
    private static final class InactiveLater extends ChannelInboundHandlerAdapter {
        private ChannelHandlerContext ctx;

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        void release() {
            ctx.fireChannelInactive();
        }
    }

    private static DeliveryReceipt receipt(long id) {
        MessageFields submitted = MessageFields.of((byte) 1, (byte) 1, "1000", (byte) 1, (byte) 1, "4470123", (byte) 0,
                (byte) 1, (byte) 0);
        return DeliveryReceipt.of("tenant", id, submitted, 0, 0, ReceiptOutcome.DELIVRD,
                "text".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void receiptsOfferedWhileTheConnectionClosesAreHeldAndGoToTheNextReceiver() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0))) {
            ReceiptRouter router = new ReceiptRouter(smsc.counters(), 100);
            InactiveLater gate = new InactiveLater();
            EmbeddedChannel channel = new EmbeddedChannel(gate, new SmscSession(smsc, router));
            channel.writeInbound(new Pdu.Bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, "tenant", "pw", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            ByteBuf bindResp = channel.readOutbound();
            assertEquals(SMPPConstant.CID_BIND_TRANSCEIVER_RESP, bindResp.getInt(4));
            bindResp.release();

            channel.close(); // closed; the session's channelInactive still to come
            assertFalse(channel.isActive());
            router.route(receipt(1), null);
            router.route(receipt(2), null);
            assertEquals(2, router.heldCount());

            gate.release();
            EmbeddedChannel next = new EmbeddedChannel(new SmscSession(smsc, router));
            next.writeInbound(new Pdu.Bind(SMPPConstant.CID_BIND_RECEIVER, 1, "tenant", "pw", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            next.runPendingTasks();
            List<Integer> commands = new ArrayList<>();
            for (Object out; (out = next.readOutbound()) != null; ) {
                ByteBuf buf = (ByteBuf) out;
                for (int at = buf.readerIndex(); at < buf.writerIndex(); at += buf.getInt(at)) {
                    commands.add(buf.getInt(at + 4));
                }
                buf.release();
            }
            assertEquals(List.of(SMPPConstant.CID_BIND_RECEIVER_RESP, SMPPConstant.CID_DELIVER_SM,
                    SMPPConstant.CID_DELIVER_SM), commands);
            assertEquals(0, router.heldCount());
        }
    }

    @Test
    void anOverdueReceiptResentToItsOwnSessionDoesNotBreakTheSweep() throws Exception {
        SmscConfig config = SmscConfig.defaults("127.0.0.1", 0).withReceipts(true, 20);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(config)) {
            ReceiptRouter router = new ReceiptRouter(smsc.counters(), 100);
            EmbeddedChannel channel = new EmbeddedChannel(new SmscSession(smsc, router));
            channel.writeInbound(new Pdu.Bind(SMPPConstant.CID_BIND_TRANSCEIVER, 1, "tenant", "pw", "", (byte) 0x34,
                    (byte) 0, (byte) 0, ""));
            router.route(receipt(1), null);
            router.route(receipt(2), null);
            channel.runPendingTasks();
            // Never answered: each sweep past the resend timeout sends both again, to this session, its only receiver.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (smsc.counters().receiptsResent() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
                channel.runScheduledPendingTasks();
            }
            assertEquals(4, smsc.counters().receiptsResent());
            channel.checkException();
        }
    }
}
