package io.edgegw.smpp.tenant;

import io.edgegw.core.spi.GatewayContext;
import io.edgegw.smpp.codec.SmppCodec;
import io.edgegw.smpp.keepalive.EnquireLinkKeepalive;
import io.edgegw.smpp.window.SequenceNumbers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/** The tenant-facing SMPP listener: one pipeline per connection, read top to bottom. */
public final class TenantServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TenantServer.class);

    private final GatewayContext context;
    private final EventLoopGroup group;
    private final TenantSessionSettings settings;
    private final String host;
    private final int port;
    private final ChannelGroup sessions = new DefaultChannelGroup("smpp-tenants", GlobalEventExecutor.INSTANCE);
    private Channel serverChannel;

    public TenantServer(GatewayContext context, EventLoopGroup group, TenantSessionSettings settings) {
        this.context = context;
        this.group = group;
        this.settings = settings;
        this.host = context.config().smpp().host();
        this.port = context.config().smpp().port();
    }

    public void start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true) // windowed SMPP stalls 40 ms per round under Nagle
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        sessions.add(channel);
                        SequenceNumbers sequences = new SequenceNumbers();
                        TenantSession session = new TenantSession(context, settings, sequences);
                        ChannelPipeline p = channel.pipeline();
                        SmppCodec.install(p, settings.maxPduBytes());
                        p.addLast("idle", new IdleStateHandler(settings.enquireLinkSeconds(), 0, 0));
                        p.addLast("keepalive", new EnquireLinkKeepalive(sequences,
                                settings.enquireLinkSeconds() * 1000L, session::describe));
                        p.addLast("session", session);
                    }
                });
        serverChannel = bootstrap.bind(host, port).sync().channel();
        log.info("SMPP tenant listener on {}", boundAddress());
    }

    /** The real address, even when the configured port was 0. */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        for (Channel session : sessions) {
            session.pipeline().fireUserEventTriggered(GatewayClosing.INSTANCE);
        }
        for (Channel session : sessions) {
            session.closeFuture().awaitUninterruptibly(2_000);
        }
        sessions.close().awaitUninterruptibly();
    }
}
