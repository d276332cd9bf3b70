package io.edgegw.sipstack.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Keeps a peer that does not read from growing our memory. Past the high water mark we stop reading from it (it gets
 * no more answers to its requests until it reads); unwritable for longer than {@code unwritableTimeout}, or more than
 * {@code maxPendingBytes} queued toward it, and it is cut off.
 */
final class WriteBackpressure extends ChannelDuplexHandler {
    private final long unwritableNanos;
    private final long maxPendingBytes;
    private final TransportCounters counters;
    private ScheduledFuture<?> cutOff;

    WriteBackpressure(long unwritableNanos, long maxPendingBytes, TransportCounters counters) {
        this.unwritableNanos = unwritableNanos;
        this.maxPendingBytes = maxPendingBytes;
        this.counters = counters;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer buffer = ctx.channel().unsafe().outboundBuffer();
        long pending = buffer == null ? 0 : buffer.totalPendingWriteBytes();
        if (pending > maxPendingBytes) {
            ReferenceCountUtil.release(msg);
            counters.droppedNotWritable.increment();
            ctx.fireUserEventTriggered(new Fault(CloseReason.NOT_READING, pending + " bytes queued toward it"));
            if (!promise.isVoid()) { // a void promise would report the failure as an exception in the pipeline
                promise.tryFailure(new IllegalStateException("peer not reading"));
            }
            return;
        }
        counters.pending(pending);
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable && cutOff != null) {
            cutOff.cancel(false);
            cutOff = null;
        } else if (!writable && cutOff == null) {
            cutOff = ctx.executor().schedule(() -> {
                cutOff = null;
                if (!ctx.channel().isWritable()) {
                    ctx.fireUserEventTriggered(new Fault(CloseReason.NOT_READING, "unwritable for "
                            + TimeUnit.NANOSECONDS.toMillis(unwritableNanos) + " ms"));
                }
            }, unwritableNanos, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (cutOff != null) {
            cutOff.cancel(false);
        }
    }
}
