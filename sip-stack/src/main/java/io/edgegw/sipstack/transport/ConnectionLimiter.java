package io.edgegw.sipstack.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** First in an accepted connection's pipeline: refuses it when its listener or its source address is at the cap. */
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private final ConnectionCounts counts;
    private InetAddress counted;

    ConnectionLimiter(ConnectionCounts counts) {
        this.counts = counts;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ((InetSocketAddress) StreamPeer.of(ctx.channel())).getAddress();
        String refused = counts.admit(address);
        if (refused != null) {
            ctx.fireUserEventTriggered(new Fault(CloseReason.CONNECTION_LIMIT, refused));
            return; // the rest of the pipeline never sees this connection become active
        }
        counted = address;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted != null) {
            counts.release(counted);
            counted = null;
        }
        ctx.fireChannelInactive();
    }
}
