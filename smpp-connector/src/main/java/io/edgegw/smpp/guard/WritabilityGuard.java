package io.edgegw.smpp.guard;

import io.edgegw.core.net.PeerSource;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a peer that does not read from growing our memory. Once the channel's outbound buffer passes the high
 * {@link #WATER_MARK}, reading stops (so the peer's further requests cannot produce more answers) and a timer
 * starts; back under the low mark, reading resumes. Still unwritable when the timer fires, the peer is cut off.
 * Event loop only.
 */
public final class WritabilityGuard extends ChannelInboundHandlerAdapter {
    /**
     * Netty's defaults, set explicitly: 64 KiB queued toward one peer is hundreds of answers, enough for any honest
     * window, and a thousand stalled peers then hold 64 MiB at most.
     */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    /** Fired down the pipeline just before a stalled peer is cut off, so the session can say why. */
    public enum PeerStalled {
        INSTANCE
    }

    private static final Logger log = LoggerFactory.getLogger(WritabilityGuard.class);
    private static final PeerLog peerLog = new PeerLog(log);

    private final long stalledMillis;
    private final Supplier<String> peer;
    private final Runnable onCutOff;
    private ScheduledFuture<?> cutOff;

    /**
     * @param peer     names the tenant/bind (or remote address) for the log line
     * @param onCutOff counts the cut-off (a metric); runs on the event loop
     */
    public WritabilityGuard(long stalledMillis, Supplier<String> peer, Runnable onCutOff) {
        this.stalledMillis = stalledMillis;
        this.peer = peer;
        this.onCutOff = onCutOff;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            ctx.channel().config().setAutoRead(true);
            cancel();
        } else {
            ctx.channel().config().setAutoRead(false);
            if (cutOff == null) {
                cutOff = ctx.executor().schedule(() -> stalled(ctx), stalledMillis, TimeUnit.MILLISECONDS);
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void stalled(ChannelHandlerContext ctx) {
        cutOff = null;
        if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
            return;
        }
        String who = peer.get();
        peerLog.warn(PeerLog.key("stalled", PeerSource.of(ctx.channel())),
                "{}: has not read our last {} bytes for {} ms, cutting it off", who,
                pendingOutboundBytes(ctx.channel()), stalledMillis);
        onCutOff.run();
        ctx.fireUserEventTriggered(PeerStalled.INSTANCE);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (cutOff != null) {
            cutOff.cancel(false);
            cutOff = null;
        }
    }

    /** Bytes queued toward the peer and not yet taken by the socket; any thread. */
    public static long pendingOutboundBytes(io.netty.channel.Channel channel) {
        io.netty.channel.ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }
}
