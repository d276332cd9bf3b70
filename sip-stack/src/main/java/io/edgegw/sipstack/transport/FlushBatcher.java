package io.edgegw.sipstack.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;

/**
 * Senders only write; this flushes once per batch: the first write after a flush queues one flush task on the event
 * loop, behind the writes already queued, so every write queued before it goes out in one syscall (writev, or
 * sendmmsg for epoll UDP). The flag is touched only on the event loop, so no write can miss its flush. Flushes wait
 * while a new connection is still connecting (writes before that stay in the outbound buffer).
 */
final class FlushBatcher extends ChannelDuplexHandler {
    private boolean flushQueued;
    private boolean flushBeforeActive;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg, promise);
        if (!flushQueued) {
            flushQueued = true;
            ctx.executor().execute(() -> flushBatch(ctx));
        }
    }

    private void flushBatch(ChannelHandlerContext ctx) {
        flushQueued = false;
        flush(ctx);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            ctx.flush();
        } else {
            flushBeforeActive = true;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.fireChannelActive();
        if (flushBeforeActive) {
            flushBeforeActive = false;
            ctx.flush();
        }
    }
}
