package io.edgegw.core.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Right behind Netty's PROXY header decoder, until the header is read: takes the client address from it, lets the
 * listener admit the connection and build its pipeline, then leaves (the decoder leaves by itself), so nothing of
 * this costs anything per message. A header not complete within the bound, or not valid, closes the connection.
 * {@code PROXY UNKNOWN} and v2 {@code LOCAL} (a balancer's own health check) carry no client: the balancer is then
 * the peer. Event loop only.
 */
final class ProxyHeaderReader extends ChannelInboundHandlerAdapter {
    private final ProxyProtocol protocol;
    private final long timeoutMillis;
    private final Predicate<Channel> admit;
    private ScheduledFuture<?> timer;
    private boolean read;

    ProxyHeaderReader(ProxyProtocol protocol, long timeoutMillis, Predicate<Channel> admit) {
        this.protocol = protocol;
        this.timeoutMillis = timeoutMillis;
        this.admit = admit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> {
            if (!read && ctx.channel().isOpen()) {
                protocol.refuse(ctx.channel(), ProxyProtocol.Refusal.TIMEOUT, null);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // held back: the handlers that care are added once the client is known, and see it then
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header) || read) {
            ReferenceCountUtil.release(msg); // bytes after a header whose connection was refused: it is closing
            return;
        }
        read = true;
        timer.cancel(false);
        try {
            InetSocketAddress client = client(header, (InetSocketAddress) ctx.channel().remoteAddress());
            if (client == null) {
                protocol.refuse(ctx.channel(), ProxyProtocol.Refusal.BAD_HEADER, "source " + header.sourceAddress());
                return;
            }
            ctx.channel().attr(PeerSource.KEY).set(client);
        } finally {
            header.release();
        }
        if (admit.test(ctx.channel())) {
            ctx.fireChannelActive();
            ctx.pipeline().remove(this);
        }
    }

    /** The client the header names; the balancer itself for LOCAL or UNKNOWN; null for an unusable address. */
    static InetSocketAddress client(HAProxyMessage header, InetSocketAddress balancer) {
        HAProxyProxiedProtocol p = header.proxiedProtocol();
        if (header.command() != HAProxyCommand.PROXY
                || (p != HAProxyProxiedProtocol.TCP4 && p != HAProxyProxiedProtocol.TCP6)) {
            return balancer;
        }
        String source = header.sourceAddress();
        InetAddress address = source == null ? null : NetUtil.createInetAddressFromIpAddressString(source);
        return address == null ? null : new InetSocketAddress(address, header.sourcePort());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HAProxyProtocolException bad) {
            if (!read) {
                read = true; // one refusal per connection: the decoder closes it too
                timer.cancel(false);
                protocol.refuse(ctx.channel(), ProxyProtocol.Refusal.BAD_HEADER, bad.getMessage());
            }
            return;
        }
        ctx.close(); // a reset before the header: nothing to answer
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
