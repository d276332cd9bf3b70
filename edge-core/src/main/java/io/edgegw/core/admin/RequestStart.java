package io.edgegw.core.admin;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sits before the HTTP codec and signals {@link #BYTES} whenever request bytes arrive, so the exchange starts a
 * request's clock at its first byte: a half-sent request is invisible past the codec, which only buffers it.
 */
@ChannelHandler.Sharable
final class RequestStart extends ChannelInboundHandlerAdapter {
    enum Signal { BYTES }

    static final Signal BYTES = Signal.BYTES;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.fireUserEventTriggered(BYTES);
        ctx.fireChannelRead(msg);
    }
}
