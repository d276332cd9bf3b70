package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Answers an RFC 5626 double-CRLF ping with a single CRLF pong; everything else passes on. */
final class KeepAliveResponder extends ChannelInboundHandlerAdapter {
    private static final ByteBuf PONG = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg == KeepAlive.PING) {
            ctx.writeAndFlush(PONG.duplicate(), ctx.voidPromise());
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
