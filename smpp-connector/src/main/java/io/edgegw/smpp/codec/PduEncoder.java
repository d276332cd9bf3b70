package io.edgegw.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes PDUs composed by jSMPP's {@link org.jsmpp.util.DefaultComposer} (whole PDUs as {@code byte[]}: binds,
 * unbinds, enquire_links, error answers) copied into a buffer of the channel's allocator, the same class of buffer as
 * every PDU of the message path ({@code PduWriter}'s). Wrapped as heap buffers instead, they made the transport copy
 * them once more and, at each bind and unbind after a warm-up, sent the compiled write and release paths back to the
 * interpreter for a buffer class they had never seen.
 */
@ChannelHandler.Sharable
public final class PduEncoder extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof byte[] pdu) {
            ctx.write(copy(ctx, pdu), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /** {@code pdu} in a direct buffer of the channel's allocator, as {@link OutboundBatch} writes the message path. */
    public static ByteBuf copy(ChannelHandlerContext ctx, byte[] pdu) {
        return ctx.alloc().directBuffer(pdu.length).writeBytes(pdu);
    }
}
