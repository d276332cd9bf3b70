package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;

/**
 * Hands each whole message of a TCP or TLS connection to the {@link SipReceiver}, with the connection's {@link Flow}.
 * Registers the connection in the {@link ConnectionTable} while it is open, so requests toward this peer's address
 * reuse it (RFC 3261 18.1.1); an outgoing connection is registered by whoever opened it.
 */
final class StreamDispatch extends ChannelInboundHandlerAdapter {
    private final Transport transport;
    private final SipReceiver receiver;
    private final TransportCounters counters;
    private final ConnectionTable table;
    private Flow flow;
    private boolean counted;

    /** {@code flow} is known for an outgoing connection (the peer dialled), null for an accepted one. */
    StreamDispatch(Transport transport, SipReceiver receiver, TransportCounters counters, ConnectionTable table,
                   Flow flow) {
        this.transport = transport;
        this.receiver = receiver;
        this.counters = counters;
        this.table = table;
        this.flow = flow;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counters.openConnections.increment();
        counted = true;
        if (flow == null) {
            flow = new Flow(new Peer(transport, (InetSocketAddress) StreamPeer.of(ctx.channel())), ctx.channel());
            table.accepted(flow);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) { // a connection refused at the cap never became active here
            counters.openConnections.decrement();
            counted = false;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf message) || flow == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        counters.received.increment();
        receiver.onMessage(message, flow.peer(), flow);
    }
}
