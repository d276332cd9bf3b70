package io.edgegw.smpp.tenant;

import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.smpp.codec.SmppCodec;
import io.edgegw.smpp.guard.PduSizeEstimator;
import io.edgegw.smpp.guard.PeerLog;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.edgegw.smpp.keepalive.EnquireLinkKeepalive;
import io.edgegw.smpp.window.SequenceNumbers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The tenant-facing SMPP listener: one pipeline per connection, read top to bottom. Connections beyond the
 * listener's and the source address's caps, or from an address no tenant may bind from, are closed at accept.
 */
public final class TenantServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TenantServer.class);
    private static final PeerLog peerLog = new PeerLog(log);

    private final GatewayContext context;
    private final EventLoopGroup group;
    private final TenantSessionSettings settings;
    private final String host;
    private final int port;
    private final ChannelGroup sessions = new DefaultChannelGroup("smpp-tenants", GlobalEventExecutor.INSTANCE);
    private final ConnectionLimits limits;
    private final BindGuard bindGuard;
    private final BindChecker bindChecker;
    private final Counter cutOff;
    private final Counter refusedListenerFull;
    private final Counter refusedSourceFull;
    private final Counter refusedSourceUnknown;
    private Channel serverChannel;

    public TenantServer(GatewayContext context, EventLoopGroup group, TenantSessionSettings settings) {
        this.context = context;
        this.group = group;
        this.settings = settings;
        SmppServerConfig smpp = context.config().smpp();
        this.host = smpp.host();
        this.port = smpp.port();
        this.limits = new ConnectionLimits(smpp.maxConnections(), smpp.maxConnectionsPerSource());
        this.bindGuard = new BindGuard(settings.bindGuard());
        this.bindChecker = new BindChecker(context.tenants());
        MeterRegistry meters = context.meters();
        Gauge.builder("edge_smpp_tenant_outbound_pending_bytes", sessions, TenantServer::pendingOutboundBytes)
                .description("bytes queued toward tenant connections, not yet taken by their sockets")
                .register(meters);
        this.cutOff = Counter.builder("edge_smpp_tenant_connections_cut_off")
                .description("tenant connections closed for not reading what the gateway wrote").register(meters);
        this.refusedListenerFull = refused(meters, "listener_full");
        this.refusedSourceFull = refused(meters, "source_full");
        this.refusedSourceUnknown = refused(meters, "source_not_allowed");
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("edge_smpp_tenant_connections_refused").tag("reason", reason)
                .description("tenant connections closed at accept").register(meters);
    }

    public void start() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true) // windowed SMPP stalls 40 ms per round under Nagle
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WritabilityGuard.WATER_MARK)
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, PduSizeEstimator.INSTANCE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (admitted(channel)) {
                            build(channel);
                        }
                    }
                });
        serverChannel = bootstrap.bind(host, port).sync().channel();
        log.info("SMPP tenant listener on {}", boundAddress());
    }

    /** allowedSources and the connection caps, before any other work is done for this connection. */
    private boolean admitted(SocketChannel channel) {
        InetAddress source = channel.remoteAddress().getAddress();
        if (!context.tenants().mayConnect(source)) {
            refusedSourceUnknown.increment();
            peerLog.warn(PeerLog.key("source", channel.remoteAddress()),
                    "SMPP connection from {} closed: no tenant may bind from there", source.getHostAddress());
            channel.close();
            return false;
        }
        ConnectionLimits.Verdict verdict = limits.tryOpen(source);
        if (verdict != ConnectionLimits.Verdict.OPEN) {
            (verdict == ConnectionLimits.Verdict.SOURCE_FULL ? refusedSourceFull : refusedListenerFull).increment();
            peerLog.warn(PeerLog.key("cap", channel.remoteAddress()), "SMPP connection from {} closed: {}",
                    source.getHostAddress(), verdict == ConnectionLimits.Verdict.SOURCE_FULL
                            ? "maxConnectionsPerSource reached" : "maxConnections reached");
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(f -> limits.closed(source));
        return true;
    }

    private void build(SocketChannel channel) {
        sessions.add(channel);
        SequenceNumbers sequences = new SequenceNumbers();
        TenantSession session = new TenantSession(context, settings, sequences, bindGuard, bindChecker);
        ChannelPipeline p = channel.pipeline();
        SmppCodec.install(p, settings.maxPduBytes());
        p.addAfter("framing", PreBindGate.NAME, new PreBindGate());
        p.addLast("flow", new WritabilityGuard(settings.stalledPeerMillis(), session::describe, cutOff::increment));
        p.addLast("idle", new IdleStateHandler(settings.enquireLinkSeconds(), 0, 0));
        p.addLast("keepalive", new EnquireLinkKeepalive(sequences,
                settings.enquireLinkSeconds() * 1000L, session::describe));
        p.addLast("session", session);
    }

    /** The real address, even when the configured port was 0. */
    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Bytes queued toward every tenant connection and not yet taken by their sockets; any thread. */
    public long pendingOutboundBytes() {
        return (long) pendingOutboundBytes(sessions);
    }

    private static double pendingOutboundBytes(ChannelGroup sessions) {
        long sum = 0;
        for (Channel c : sessions) {
            sum += WritabilityGuard.pendingOutboundBytes(c);
        }
        return sum;
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
        bindChecker.close();
    }
}
