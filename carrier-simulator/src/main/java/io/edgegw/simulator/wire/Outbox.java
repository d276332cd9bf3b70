package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;

/**
 * A channel's outgoing PDUs, appended into one pooled buffer and written and flushed once per batch (a read batch, a
 * timer's run) rather than per PDU: one syscall for a window's worth of answers. Event loop only.
 */
public final class Outbox {
    /** A buffer is handed to the channel once this full, so a big batch goes out as a few large writes. */
    private static final int CHUNK = 32 * 1024;

    private final ChannelHandlerContext ctx;
    private ByteBuf pending;
    private boolean unflushed;

    public Outbox(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The buffer to append the next PDU to; {@code bytes} is about how much it will take (it may take more). */
    public ByteBuf buffer(int bytes) {
        if (pending != null && pending.writableBytes() < bytes) {
            handOver();
        }
        if (pending == null) {
            pending = ctx.alloc().ioBuffer(Math.max(CHUNK, bytes));
        }
        return pending;
    }

    /** Writes what was appended and flushes the channel if anything was written since the last flush. */
    public void flush() {
        handOver();
        if (unflushed) {
            unflushed = false;
            ctx.flush();
        }
    }

    /** Flushes, then closes the channel once the bytes are out (unbind_resp, generic_nack for a broken stream). */
    public ChannelFuture flushAndClose() {
        ByteBuf last = pending != null ? pending : Unpooled.EMPTY_BUFFER;
        pending = null;
        unflushed = false;
        return ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    /** Drops what was never written (the channel closed); call from channelInactive. */
    public void discard() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void handOver() {
        if (pending != null) {
            if (pending.isReadable()) {
                // A promise per batch, not the void one: a write failing as the channel closes is no error to report.
                ctx.write(pending);
                unflushed = true;
            } else {
                pending.release();
            }
            pending = null;
        }
    }
}
