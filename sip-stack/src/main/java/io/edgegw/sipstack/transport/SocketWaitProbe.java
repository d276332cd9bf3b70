package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long datagrams wait in a UDP socket before its event loop reads them: every {@link #EVERY_MILLIS} ms
 * the socket sends itself a probe stamped with the time, and the wait is the probe's age when it is read. When the
 * event loop does the SIP work itself, that socket is its queue, and this is the queue wait overload control bounds.
 * A probe still out when the next is due reports its age so far (a full socket drops probes). Probes are 12 bytes
 * from the socket's own address: no SIP message is either, and nothing else can send from that address and port.
 * One per channel; everything runs on its event loop.
 */
final class SocketWaitProbe extends ChannelInboundHandlerAdapter {
    static final long EVERY_MILLIS = 20;
    private static final int MAGIC = 0x53575031; // "SWP1"
    private static final int LENGTH = 12;

    private final SipReceiver receiver;
    private InetSocketAddress self;
    private long outSince; // when the probe still out was sent; 0: none
    private ScheduledFuture<?> schedule;

    SocketWaitProbe(SipReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        self = (InetSocketAddress) ctx.channel().localAddress();
        if (self.getAddress().isAnyLocalAddress()) {
            self = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), self.getPort());
        }
        schedule = ctx.executor().scheduleWithFixedDelay(() -> send(ctx), EVERY_MILLIS, EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (schedule != null) {
            schedule.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    private void send(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (outSince != 0) {
            receiver.onSocketWait(now - outSince); // not back yet: it has waited at least this long
            return;
        }
        outSince = now;
        ByteBuf probe = ctx.alloc().buffer(LENGTH).writeInt(MAGIC).writeLong(now);
        ctx.channel().writeAndFlush(new DatagramPacket(probe, self), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket packet && packet.sender() != null
                && packet.sender().getPort() == self.getPort() && packet.content().readableBytes() == LENGTH
                && packet.content().getInt(packet.content().readerIndex()) == MAGIC
                && packet.sender().getAddress().equals(self.getAddress())) {
            long sent = packet.content().getLong(packet.content().readerIndex() + 4);
            packet.release();
            if (sent == outSince) {
                outSince = 0;
            }
            receiver.onSocketWait(System.nanoTime() - sent);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
