package io.edgegw.smpp.carrier;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.smpp.codec.InvalidFrame;
import io.edgegw.smpp.codec.UndecodablePdu;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.edgegw.smpp.keepalive.EnquireLinkKeepalive;
import io.edgegw.smpp.pdu.MessageContent;
import io.edgegw.smpp.pdu.Pdus;
import io.edgegw.smpp.tls.TlsFailure;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.BindResp;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.GenericNack;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.Unbind;
import org.jsmpp.bean.UnbindResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * The session end of a carrier connection's pipeline: turns the carrier's PDUs into calls on its
 * {@link SmppCarrierBind} and answers what the carrier asks. One instance per connection.
 */
final class CarrierBindHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(CarrierBindHandler.class);

    private final SmppCarrierBind bind;
    private final CarrierDeliveryAcks deliverAcks;
    private final CarrierDeliveryAcks dataAcks;
    private String lostBecause = "connection closed";

    CarrierBindHandler(SmppCarrierBind bind, Channel channel) {
        this.bind = bind;
        this.deliverAcks = new CarrierDeliveryAcks(channel, false);
        this.dataAcks = new CarrierDeliveryAcks(channel, true);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.pipeline().get(SslHandler.class) == null) {
            bind.connected(ctx.channel());
        } // else nothing is sent before the handshake has shown the SMSC's certificate is trusted
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        bind.disconnected(ctx.channel(), lostBecause);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                bind.connected(ctx.channel());
            } else {
                tlsFailed(ctx, done.cause());
            }
        } else if (evt == EnquireLinkKeepalive.PeerSilent.INSTANCE) {
            lostBecause = "no answer to enquire_link";
        } else if (evt == WritabilityGuard.PeerStalled.INSTANCE) {
            lostBecause = "carrier stopped reading";
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            dispatch(ctx, msg);
        } catch (RuntimeException e) {
            log.warn("carrier bind {}: failed to handle {}: {}", bind.name(), msg.getClass().getSimpleName(),
                    e.toString());
            if (msg instanceof Command c && isRequest(c.getCommandId())) {
                ctx.write(Pdus.genericNack(SMPPConstant.STAT_ESME_RSYSERR, c.getSequenceNumber()));
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SubmitSmResp resp) {
            bind.submitAnswered(resp.getSequenceNumber(), resp.getCommandStatus(), resp.getMessageId());
        } else if (msg instanceof DeliverSm deliver) {
            onDelivery(ctx, deliver, MessageContent.fromRequest(deliver), deliverAcks);
        } else if (msg instanceof DataSm data) {
            onDelivery(ctx, data, MessageContent.fromDataSm(data), dataAcks);
        } else if (msg instanceof BindResp resp) {
            bind.bindAnswered(resp.getCommandStatus());
        } else if (msg instanceof GenericNack nack) {
            // A carrier that cannot parse our submit_sm says so here; it is that submit's answer.
            bind.submitAnswered(nack.getSequenceNumber(), nack.getCommandStatus(), null);
        } else if (msg instanceof Unbind unbind) {
            bind.unbindRequested();
            lostBecause = "carrier unbound";
            ctx.writeAndFlush(Pdus.unbindResp(unbind.getSequenceNumber())).addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof UnbindResp) {
            lostBecause = "unbound";
            ctx.close();
        } else if (msg instanceof InvalidFrame frame) {
            log.warn("carrier bind {}: command_length {} out of bounds, closing", bind.name(), frame.commandLength());
            lostBecause = "invalid frame from carrier";
            ctx.writeAndFlush(Pdus.genericNack(SMPPConstant.STAT_ESME_RINVCMDLEN, frame.sequenceNumber()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof UndecodablePdu bad) {
            log.warn("carrier bind {}: undecodable PDU 0x{}: {}", bind.name(), Integer.toHexString(bad.commandId()),
                    bad.reason());
            if (bad.isRequest()) {
                ctx.write(Pdus.genericNack(bad.commandStatus(), bad.sequenceNumber()));
            }
        } else if (msg instanceof Command other && isRequest(other.getCommandId())) {
            log.warn("carrier bind {}: unsupported command 0x{}", bind.name(),
                    Integer.toHexString(other.getCommandId()));
            ctx.write(Pdus.genericNack(SMPPConstant.STAT_ESME_RINVCMDID, other.getSequenceNumber()));
        }
    }

    private void onDelivery(ChannelHandlerContext ctx, AbstractSmCommand request, MessageContent.Result content,
                            CarrierDeliveryAcks acks) {
        int sequence = request.getSequenceNumber();
        if (!content.isOk()) {
            log.warn("carrier bind {}: delivery refused, status 0x{}", bind.name(),
                    Integer.toHexString(content.refusal()));
            acks.respond(content.refusal(), sequence);
            return;
        }
        CarrierDelivery delivery = MessageContent.carrierDelivery(request, content.message());
        if (!bind.delivered(delivery, acks, sequence)) {
            acks.respond(SMPPConstant.STAT_ESME_RX_T_APPN, sequence); // the carrier will retry later
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return; // a late write (an acknowledgement, a delivery) meeting a closed connection: already handled
        }
        if (TlsFailure.of(cause) != null) {
            tlsFailed(ctx, cause);
            return;
        }
        if (cause instanceof IOException) {
            lostBecause = "connection lost: " + cause.getMessage();
            ctx.close();
            return;
        }
        log.warn("carrier bind {}: unexpected error: {}", bind.name(), cause.toString());
        ctx.writeAndFlush(Pdus.genericNack(SMPPConstant.STAT_ESME_RSYSERR, 0));
    }

    /** Reported once per connection, whether the handshake event or the exception comes first. */
    private void tlsFailed(ChannelHandlerContext ctx, Throwable cause) {
        if (!lostBecause.startsWith("TLS")) {
            String reason = TlsFailure.reason(cause);
            lostBecause = "TLS failed: " + reason;
            bind.tlsFailed(reason);
        }
        ctx.close();
    }

    private static boolean isRequest(int commandId) {
        return (commandId & SMPPConstant.CID_GENERIC_NACK) == 0;
    }
}
