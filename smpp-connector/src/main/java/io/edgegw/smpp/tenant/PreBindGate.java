package io.edgegw.smpp.tenant;

import io.edgegw.core.net.PeerSource;
import io.edgegw.smpp.codec.PduEncoder;
import io.edgegw.smpp.guard.PeerLog;
import io.edgegw.smpp.pdu.Pdus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jsmpp.SMPPConstant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Until the session is bound, lets only bind, unbind and enquire_link (at most {@link #ENQUIRE_LINK_BURST}, then one a
 * second) through to the PDU decoder. Anything else is answered from its header alone, ESME_RINVBNDSTS, without
 * being decoded, and after {@link #MAX_REFUSED} such PDUs the connection is closed. Sits between framing and the
 * decoder; the session removes it once bound. Event loop only.
 */
final class PreBindGate extends ChannelInboundHandlerAdapter {
    static final String NAME = "pre-bind";
    static final int MAX_REFUSED = 3;
    static final int ENQUIRE_LINK_BURST = 5;
    private static final long ENQUIRE_LINK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger log = LoggerFactory.getLogger(PreBindGate.class);
    private static final PeerLog peerLog = new PeerLog(log);

    private int refused;
    /** The time the enquire_link bucket would be full again (GCRA's theoretical arrival time). */
    private long enquireLinkTat = Long.MIN_VALUE;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg); // an InvalidFrame: the session answers it and closes
            return;
        }
        int commandId = frame.getInt(frame.readerIndex() + 4);
        int sequence = frame.getInt(frame.readerIndex() + 12);
        boolean pass = switch (commandId) {
            case SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_RECEIVER, SMPPConstant.CID_BIND_TRANSCEIVER,
                    SMPPConstant.CID_UNBIND -> true;
            case SMPPConstant.CID_ENQUIRE_LINK -> enquireLinkAllowed(System.nanoTime());
            default -> false;
        };
        if (pass) {
            ctx.fireChannelRead(frame);
            return;
        }
        frame.release();
        if (refused >= MAX_REFUSED) {
            return; // closing already; the rest of this read gets nothing
        }
        refused++;
        if ((commandId & SMPPConstant.CID_GENERIC_NACK) == 0) {
            int status = commandId == SMPPConstant.CID_ENQUIRE_LINK ? SMPPConstant.STAT_ESME_RTHROTTLED
                    : SMPPConstant.STAT_ESME_RINVBNDSTS;
            // a buffer, not byte[]: the PDU encoder sits after this handler, so a write from here never meets it
            ctx.write(PduEncoder.copy(ctx, commandId == SMPPConstant.CID_ENQUIRE_LINK
                    ? Pdus.genericNack(status, sequence) : Pdus.errorResponse(commandId, status, sequence)));
        }
        if (refused == MAX_REFUSED) {
            peerLog.warn(PeerLog.key("before-bind", PeerSource.of(ctx.channel())),
                    "unbound session {}: {} PDUs refused before bind (last 0x{}), closing",
                    PeerSource.of(ctx.channel()), refused, Integer.toHexString(commandId));
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private boolean enquireLinkAllowed(long now) {
        long tat = enquireLinkTat == Long.MIN_VALUE || enquireLinkTat - now < 0 ? now : enquireLinkTat;
        if (tat - now > (ENQUIRE_LINK_BURST - 1) * ENQUIRE_LINK_EVERY_NANOS) {
            return false;
        }
        enquireLinkTat = tat + ENQUIRE_LINK_EVERY_NANOS;
        return true;
    }
}
