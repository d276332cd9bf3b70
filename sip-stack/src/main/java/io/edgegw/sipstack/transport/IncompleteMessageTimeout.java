package io.edgegw.sipstack.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose peer began a message and did not finish it within the read timeout, so a slow sender
 * cannot hold a partial message (and its buffer) open forever. Driven by {@link StreamFramer}'s
 * {@link FrameProgress} events; one timer at a time, re-armed rather than cancelled as messages come and go.
 */
final class IncompleteMessageTimeout extends ChannelInboundHandlerAdapter {
    private final long timeoutNanos;
    private long partialSince = -1;
    private ScheduledFuture<?> timer;

    IncompleteMessageTimeout(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == FrameProgress.PARTIAL) {
            partialSince = System.nanoTime();
            if (timer == null) {
                arm(ctx, timeoutNanos);
            }
        } else if (evt == FrameProgress.NONE) {
            partialSince = -1;
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    private void arm(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        timer = null;
        if (partialSince < 0 || !ctx.channel().isOpen()) {
            return;
        }
        long left = partialSince + timeoutNanos - System.nanoTime();
        if (left > 0) {
            arm(ctx, left);
        } else {
            ctx.fireUserEventTriggered(new Fault(CloseReason.READ_TIMEOUT,
                    "a message begun and not finished within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
