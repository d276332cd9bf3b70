package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each UDP datagram (one whole SIP message, RFC 3261 18.1.1) to the {@link SipReceiver}. Datagrams are read
 * into buffers big enough for any datagram; a small message is copied into a buffer its own size so a queue of
 * messages waiting for their workers does not pin 64 KiB apiece. Empty and CRLF-only datagrams (keep-alives) are
 * dropped; over maxMessageBytes is dropped and counted.
 */
@ChannelHandler.Sharable
final class DatagramDispatch extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramDispatch.class);
    private static final int COPY_WHEN_WASTING = 4096;

    private final SipReceiver receiver;
    private final TransportCounters counters;
    private final int maxMessageBytes;
    private final OncePerMinute logGate;

    DatagramDispatch(SipReceiver receiver, TransportCounters counters, int maxMessageBytes, OncePerMinute logGate) {
        this.receiver = receiver;
        this.counters = counters;
        this.maxMessageBytes = maxMessageBytes;
        this.logGate = logGate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (length > maxMessageBytes) {
            counters.droppedOversize.increment();
            if (logGate.allow(packet.sender().getAddress())) {
                LOG.warn("SIP over UDP from {}: a datagram of {} bytes, over {}; dropped (logged once a minute per "
                        + "source)", packet.sender(), length, maxMessageBytes);
            }
            packet.release();
            return;
        }
        if (isKeepAlive(content)) {
            packet.release();
            return;
        }
        ByteBuf message = content;
        if (content.capacity() - length > COPY_WHEN_WASTING) {
            message = ctx.alloc().buffer(length).writeBytes(content);
            packet.release();
        }
        counters.received.increment();
        Peer source = new Peer(Transport.UDP, packet.sender());
        receiver.onMessage(message, source, new Flow(source, ctx.channel()));
    }

    /** A UDP socket error (an ICMP unreachable, a send after close) concerns one datagram: log it, keep the socket. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (logGate.allow("udp-error")) {
            LOG.warn("SIP over UDP on {}: {} (logged once a minute)", ctx.channel().localAddress(), cause.toString());
        }
    }

    private static boolean isKeepAlive(ByteBuf content) {
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            byte b = content.getByte(i);
            if (b != '\r' && b != '\n' && b != 0) {
                return false;
            }
        }
        return true;
    }
}
