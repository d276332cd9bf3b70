package io.edgegw.smpp.keepalive;

import io.edgegw.smpp.pdu.Pdus;
import io.edgegw.smpp.window.SequenceNumbers;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.EnquireLinkResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Link liveness, both ways: answers the peer's enquire_link, and after a reader-idle event (from the
 * {@link io.netty.handler.timeout.IdleStateHandler} just before it) sends one of its own and closes the
 * connection if nothing at all arrives within {@code responseTimeoutMillis}. Every other PDU passes through.
 * Answers are flushed once per read, not once each: a peer sending enquire_link back to back would otherwise cost a
 * syscall per PDU and hold the event loop from every other session on it. Lives on the event loop only, so plain
 * fields suffice.
 */
public final class EnquireLinkKeepalive extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(EnquireLinkKeepalive.class);

    private final SequenceNumbers sequences;
    private final long responseTimeoutMillis;
    private final Supplier<String> peer;
    private int awaiting;
    private boolean unflushed;

    /** @param peer names the tenant/bind (or remote address) for the log line */
    public EnquireLinkKeepalive(SequenceNumbers sequences, long responseTimeoutMillis, Supplier<String> peer) {
        this.sequences = sequences;
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.peer = peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        awaiting = 0; // anything the peer sends proves it alive
        if (msg instanceof EnquireLink request) {
            ctx.write(Pdus.enquireLinkResp(request.getSequenceNumber()));
            unflushed = true;
        } else if (!(msg instanceof EnquireLinkResp)) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (awaiting == 0) {
                int sequence = sequences.next();
                awaiting = sequence;
                ctx.writeAndFlush(Pdus.enquireLink(sequence));
                ctx.executor().schedule(() -> expire(ctx, sequence), responseTimeoutMillis, TimeUnit.MILLISECONDS);
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** Fired toward the session just before the keepalive closes a silent peer's connection, for the reason. */
    public enum PeerSilent {
        INSTANCE
    }

    private void expire(ChannelHandlerContext ctx, int sequence) {
        if (awaiting == sequence && ctx.channel().isActive()) {
            log.warn("{}: no answer to enquire_link within {} ms, closing the connection", peer.get(),
                    responseTimeoutMillis);
            ctx.fireUserEventTriggered(PeerSilent.INSTANCE);
            ctx.close();
        }
    }
}
