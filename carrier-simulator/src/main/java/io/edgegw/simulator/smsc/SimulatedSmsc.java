package io.edgegw.simulator.smsc;

import io.edgegw.simulator.wire.SmppFraming;
import io.edgegw.simulator.wire.SmppWire;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated carrier SMSC speaking SMPP 3.4 on one TCP port, plain or over TLS. Several can run in one process (the launcher
 * embeds one per simulated carrier); each owns its event loops and closes them in {@link #close()}.
 */
public final class SimulatedSmsc implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSmsc.class);
    private final SmscConfig config;
    private final SmscCounters counters = new SmscCounters();
    private final SubmitThrottle throttle = new SubmitThrottle();
    private final FaultSwitch faults = new FaultSwitch(this);
    private final ReceiptRouter router;
    private final SubmitObserver observer;
    // Seeded from the clock so a restarted SMSC does not reuse the ids of its previous run.
    private final AtomicLong messageIds = new AtomicLong(System.currentTimeMillis() * 1_000L);
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** Null: plain TCP. */
    private final SslContext tls;
    private Channel serverChannel;

    private SimulatedSmsc(SmscConfig config, SubmitObserver observer, SslContext tls) {
        this.config = config;
        this.observer = observer;
        this.tls = tls;
        this.router = new ReceiptRouter(counters, config.heldReceiptLimit(), config.receiptsOnRandomBind());
    }

    /** Binds the listening socket and returns once it accepts connections. */
    public static SimulatedSmsc start(SmscConfig config) throws InterruptedException {
        return start(config, SubmitObserver.NONE);
    }

    /** As {@link #start(SmscConfig)}, telling {@code observer} of every submit_sm accepted. */
    public static SimulatedSmsc start(SmscConfig config, SubmitObserver observer) throws InterruptedException {
        return start(config, observer, null);
    }

    /**
     * An SMSC whose port speaks SMPP over TLS (1.3 or 1.2, no client certificate asked), showing {@code certificate}
     * (PEM chain) with {@code key} (PEM, PKCS#8), as a carrier's TLS port does.
     */
    public static SimulatedSmsc startTls(SmscConfig config, Path certificate, Path key) throws InterruptedException {
        SslContext tls;
        try {
            tls = SslContextBuilder.forServer(certificate.toFile(), key.toFile()).sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS certificate " + certificate + " / key " + key
                    + " cannot be used: " + e.getMessage(), e);
        }
        return start(config, SubmitObserver.NONE, tls);
    }

    private static SimulatedSmsc start(SmscConfig config, SubmitObserver observer, SslContext tls)
            throws InterruptedException {
        SimulatedSmsc smsc = new SimulatedSmsc(config, Objects.requireNonNull(observer, "observer"), tls);
        try {
            smsc.listen();
        } catch (InterruptedException | RuntimeException e) {
            smsc.close();
            throw e;
        }
        return smsc;
    }

    private void listen() throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        SmppWire.install(ch.pipeline(), SmppFraming.DEFAULT_MAX_PDU_BYTES);
                        ch.pipeline().addLast("session", new SmscSession(SimulatedSmsc.this, router));
                    }
                });
        serverChannel = bootstrap.bind(config.host(), config.port()).sync().channel();
    }

    public SmscConfig config() {
        return config;
    }

    public SmscCounters counters() {
        return counters;
    }

    /** The port actually bound (the ephemeral one when configured with 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Receipts waiting for a receiver to bind. */
    public int heldReceipts() {
        return router.heldCount();
    }

    /** The faults this SMSC plays; change them while it runs. */
    public FaultSwitch faults() {
        return faults;
    }

    int dropConnections() {
        int dropped = 0;
        for (Channel channel : channels) {
            if (channel.isOpen()) {
                channel.close();
                counters.connectionsDropped.increment();
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.info("{}: dropped {} connections (fault)", config.id(), dropped);
        }
        return dropped;
    }

    void resumeReceipts() {
        router.drainAll();
    }

    /** The submit cap in force: the throttle fault if set, else the configured one (0 = unlimited). */
    int maxSubmitsPerSecond(Faults current) {
        return current.maxSubmitsPerSecond() == Faults.AS_CONFIGURED ? config.maxSubmitsPerSecond()
                : current.maxSubmitsPerSecond();
    }

    SubmitObserver observer() {
        return observer;
    }

    SubmitThrottle throttle() {
        return throttle;
    }

    /** The next carrier message id; {@link MessageIdFormat} spells it on the wire. */
    long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** Stops listening, drops every session and releases the event loops. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
