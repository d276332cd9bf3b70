package io.edgegw.smpp.codec;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes PDUs composed by jSMPP's {@link org.jsmpp.util.DefaultComposer} (whole PDUs as {@code byte[]})
 * without copying them again.
 */
@ChannelHandler.Sharable
public final class PduEncoder extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof byte[] pdu) {
            ctx.write(Unpooled.wrappedBuffer(pdu), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
