package io.edgegw.smpp.tenant;

import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.core.net.PeerSource;
import io.edgegw.core.net.ProxyProtocol;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.smpp.codec.SmppCodec;
import io.edgegw.smpp.guard.PduSizeEstimator;
import io.edgegw.smpp.guard.PeerLog;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.edgegw.smpp.keepalive.EnquireLinkKeepalive;
import io.edgegw.smpp.tls.TlsFiles;
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
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tenant-facing SMPP listeners, plain and TLS: one pipeline per connection, read top to bottom, the same behind
 * the TLS handler as without it. Connections beyond the caps (shared by both listeners), or from an address no tenant
 * may bind from, are closed at accept, before any TLS work.
 */
public final class TenantServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TenantServer.class);
    private static final PeerLog peerLog = new PeerLog(log);

    private final GatewayContext context;
    private final EventLoopGroup group;
    private final TenantSessionSettings settings;
    private final String host;
    private final int port;
    private final boolean plain;
    /** The TLS listener's context, read again when its files change; null without a TLS listener. */
    private final TlsFiles tls;
    private final int tlsPort;
    private final long handshakeTimeoutMillis;
    private final ChannelGroup sessions = new DefaultChannelGroup("smpp-tenants", GlobalEventExecutor.INSTANCE);
    private final ConnectionLimits limits;
    private final BindGuard bindGuard;
    private final BindChecker bindChecker;
    private final SubmitChecks submitChecks;
    private final Counter cutOff;
    private final Counter sessionErrors;
    private final Counter refusedListenerFull;
    private final Counter refusedSourceFull;
    private final Counter refusedSourceUnknown;
    private final Counter refusedTlsHandshake;
    /** Null unless {@code smpp.proxyProtocol} is on: then the client is known only once its header is read. */
    private final ProxyProtocol proxy;
    private Channel serverChannel;
    private Channel tlsServerChannel;
    /** Set once by {@link #stopIntake}: no connection is taken from then on. */
    private volatile boolean stopping;
    /** Longest a close waits for sessions to answer unbind: the acknowledgement wait plus the unbind grace. */
    private static final long CLOSE_WAIT_MILLIS = 3_500;

    /** The plain listener alone. */
    public TenantServer(GatewayContext context, EventLoopGroup group, TenantSessionSettings settings) {
        this(context, group, settings, null);
    }

    /** With {@code tls} (the files of {@code smpp.tls}, already read), a TLS listener too, or alone. */
    public TenantServer(GatewayContext context, EventLoopGroup group, TenantSessionSettings settings, TlsFiles tls) {
        this.context = context;
        this.group = group;
        this.settings = settings;
        SmppServerConfig smpp = context.config().smpp();
        this.host = smpp.host();
        this.port = smpp.port();
        this.tls = smpp.tls() == null ? null : tls;
        if (smpp.tls() != null && tls == null) {
            throw new IllegalArgumentException("smpp.tls is configured but its TLS files were not read");
        }
        this.plain = smpp.plainListener();
        this.tlsPort = smpp.tls() == null ? -1 : smpp.tls().port();
        this.handshakeTimeoutMillis = smpp.tls() == null ? 0 : smpp.tls().handshakeTimeoutSeconds() * 1000L;
        this.limits = new ConnectionLimits(smpp.maxConnections(), smpp.maxConnectionsPerSource());
        this.bindGuard = new BindGuard(settings.bindGuard());
        this.bindChecker = new BindChecker(context.tenants());
        this.submitChecks = new SubmitChecks(context);
        MeterRegistry meters = context.meters();
        Gauge.builder("edge_smpp_tenant_outbound_pending_bytes", sessions, TenantServer::pendingOutboundBytes)
                .description("bytes queued toward tenant connections, not yet taken by their sockets")
                .register(meters);
        this.cutOff = Counter.builder("edge_smpp_tenant_connections_cut_off")
                .description("tenant connections closed for not reading what the gateway wrote").register(meters);
        this.sessionErrors = Counter.builder("edge_smpp_tenant_session_errors")
                .description("exceptions of the gateway's own in tenant sessions (a PDU handler that threw, an "
                        + "exception that reached the session); each one is a bug").register(meters);
        this.refusedListenerFull = refused(meters, "listener_full");
        this.refusedSourceFull = refused(meters, "source_full");
        this.refusedSourceUnknown = refused(meters, "source_not_allowed");
        this.refusedTlsHandshake = refused(meters, "tls_handshake");
        Map<ProxyProtocol.Refusal, Counter> proxyRefused = new EnumMap<>(ProxyProtocol.Refusal.class);
        if (smpp.proxyProtocol().enabled()) {
            for (ProxyProtocol.Refusal r : ProxyProtocol.Refusal.values()) {
                proxyRefused.put(r, refused(meters, r.tag));
            }
        }
        this.proxy = ProxyProtocol.of(smpp.proxyProtocol(), "SMPP", r -> proxyRefused.get(r).increment());
    }

    private static Counter refused(MeterRegistry meters, String reason) {
        return Counter.builder("edge_smpp_tenant_connections_refused").tag("reason", reason)
                .description("tenant connections closed at accept").register(meters);
    }

    public void start() throws InterruptedException {
        if (plain) {
            serverChannel = bootstrap(false).bind(host, port).sync().channel();
            log.info("SMPP tenant listener on {}", boundAddress());
        }
        if (tls != null) {
            tlsServerChannel = bootstrap(true).bind(host, tlsPort).sync().channel();
            log.info("SMPP tenant TLS listener on {}", tlsBoundAddress());
        }
    }

    private ServerBootstrap bootstrap(boolean overTls) {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true) // windowed SMPP stalls 40 ms per round under Nagle
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WritabilityGuard.WATER_MARK)
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, PduSizeEstimator.INSTANCE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (proxy != null) { // the checks wait for the header naming the client
                            proxy.accept(channel, c -> admitted((SocketChannel) c) && build(c, overTls));
                        } else if (admitted(channel)) {
                            build(channel, overTls);
                        }
                    }
                });
    }

    /**
     * allowedSources and the connection caps, before any other work is done for this connection: at accept, or once
     * the PROXY header named the client.
     */
    private boolean admitted(SocketChannel channel) {
        InetAddress source = PeerSource.inet(channel).getAddress();
        if (!context.tenants().mayConnect(source)) {
            refusedSourceUnknown.increment();
            peerLog.warn(PeerLog.key("source", PeerSource.of(channel)),
                    "SMPP connection from {} closed: no tenant may bind from there", source.getHostAddress());
            channel.close();
            return false;
        }
        ConnectionLimits.Verdict verdict = limits.tryOpen(source);
        if (verdict != ConnectionLimits.Verdict.OPEN) {
            (verdict == ConnectionLimits.Verdict.SOURCE_FULL ? refusedSourceFull : refusedListenerFull).increment();
            peerLog.warn(PeerLog.key("cap", PeerSource.of(channel)), "SMPP connection from {} closed: {}",
                    source.getHostAddress(), verdict == ConnectionLimits.Verdict.SOURCE_FULL
                            ? "maxConnectionsPerSource reached" : "maxConnections reached");
            channel.close();
            return false;
        }
        channel.closeFuture().addListener(f -> limits.closed(source));
        return true;
    }

    private boolean build(Channel channel, boolean overTls) {
        sessions.add(channel);
        if (stopping) { // accepted (or its PROXY header read) as the stop began: nothing to bind to here
            channel.close();
            return false;
        }
        SequenceNumbers sequences = new SequenceNumbers();
        TenantSession session = new TenantSession(context, settings, sequences, bindGuard, bindChecker,
                submitChecks, sessionErrors::increment);
        ChannelPipeline p = channel.pipeline();
        if (overTls) {
            // the context current now: a certificate renewed later serves later connections, this one keeps it
            SslHandler ssl = tls.context().newHandler(channel.alloc());
            ssl.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
            p.addLast("tls", ssl);
            p.addLast("tls-guard", new TlsGuard(session::describe, refusedTlsHandshake::increment));
        }
        SmppCodec.install(p, settings.maxPduBytes());
        p.addAfter("framing", PreBindGate.NAME, new PreBindGate());
        p.addLast("flow", new WritabilityGuard(settings.stalledPeerMillis(), session::describe, cutOff::increment));
        p.addLast("idle", new IdleStateHandler(settings.enquireLinkSeconds(), 0, 0));
        p.addLast("keepalive", new EnquireLinkKeepalive(sequences,
                settings.enquireLinkSeconds() * 1000L, session::describe));
        p.addLast("session", session);
        return true;
    }

    /** The plain listener's real address, even when the configured port was 0; null when it is off (TLS only). */
    public InetSocketAddress boundAddress() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    /** The TLS listener's real address; null without one. */
    public InetSocketAddress tlsBoundAddress() {
        return tlsServerChannel == null ? null : (InetSocketAddress) tlsServerChannel.localAddress();
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

    /**
     * The gateway begins to stop: binds are refused (ESME_RBINDFAIL, also on connections already open), the
     * listeners close (a new connection is refused), and every bound session is told to leave: unbind once the core
     * has answered its submits (see {@link ClosingUnbind}). Returns at once; {@link #close} waits for them. Tenants
     * thus learn of the stop at its start, not once carriers have drained, and can bind elsewhere (another instance
     * behind the balancer) meanwhile.
     */
    public void stopIntake() {
        if (stopping) {
            return;
        }
        stopping = true; // before the sessions are read: a connection added later sees it in build()
        bindChecker.stopTaking(); // before the listeners close: a bind read once they are closed is refused
        for (Channel listener : new Channel[] {serverChannel, tlsServerChannel}) {
            if (listener != null) {
                listener.close().syncUninterruptibly();
            }
        }
        for (Channel session : sessions) {
            session.pipeline().fireUserEventTriggered(GatewayClosing.STOP_BEGUN);
        }
    }

    /**
     * Connections never bound close; every bound session unbinds once the core has answered its submits (each answer
     * written first), waits a moment for unbind_resp and closes; all at once, bounded by {@link #CLOSE_WAIT_MILLIS}
     * in all from here (they were told at {@link #stopIntake}, when the stop began).
     */
    @Override
    public void close() {
        stopIntake();
        for (Channel session : sessions) {
            session.pipeline().fireUserEventTriggered(GatewayClosing.CLOSING);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Channel session : sessions) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0 || !session.closeFuture().awaitUninterruptibly(left)) {
                break;
            }
        }
        sessions.close().awaitUninterruptibly();
        bindChecker.close();
    }
}
