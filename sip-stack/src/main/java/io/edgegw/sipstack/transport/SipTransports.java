package io.edgegw.sipstack.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SIP's transports for one process: listens on UDP, TCP and TLS as configured, hands every whole message to the
 * {@link SipReceiver} on an event loop, and sends from any thread without blocking. A send only queues the message;
 * the channel flushes once per batch ({@link FlushBatcher}). A send that would grow memory past the bounds drops the
 * message, counts it, and returns false. Messages are {@link ByteBuf}s whose ownership passes with the call.
 */
public final class SipTransports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransports.class);

    private final TransportConfig config;
    private final SipReceiver receiver;
    private final Sockets sockets;
    private final EventLoopGroup group;
    private final TransportCounters counters = new TransportCounters();
    private final OncePerMinute logGate = new OncePerMinute();
    private final ConnectionTable connections;
    private final Map<Transport, Channel> streamListeners = new EnumMap<>(Transport.class);
    private final Bootstrap dialler;
    private final StreamPipeline streams;
    private UdpListener udp;

    private SipTransports(TransportConfig config, SipReceiver receiver, EventLoopGroup loops, AcceptedFront front) {
        this.config = config;
        this.receiver = receiver;
        this.sockets = Sockets.choose(config.nativeTransport());
        this.group = loops != null ? loops : eventLoops(config);
        this.connections = new ConnectionTable(config.maxOutgoingConnections());
        SslContext serverTls = config.listens(Transport.TLS) ? TlsContexts.server(config.tls()) : null;
        SslContext clientTls = TlsContexts.client(config.tls());
        this.streams = new StreamPipeline(config, receiver, counters, connections, logGate, serverTls, clientTls,
                front);
        this.dialler = new Bootstrap().group(group).channel(sockets.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(config));
    }

    /** Binds every configured listener; on failure closes what it had bound and throws. */
    public static SipTransports start(TransportConfig config, SipReceiver receiver) throws InterruptedException {
        return start(config, receiver, null);
    }

    /**
     * As {@link #start(TransportConfig, SipReceiver)}, on event loops made beforehand with {@link #eventLoops} (so
     * the transaction layer can run its workers on them); the transports own them from now on and stop them.
     */
    public static SipTransports start(TransportConfig config, SipReceiver receiver, EventLoopGroup group)
            throws InterruptedException {
        return start(config, receiver, group, null);
    }

    /** As {@link #start(TransportConfig, SipReceiver, EventLoopGroup)}, with {@code front} (null: none) first on
     * every accepted TCP and TLS connection. */
    public static SipTransports start(TransportConfig config, SipReceiver receiver, EventLoopGroup group,
                                      AcceptedFront front) throws InterruptedException {
        SipTransports transports = new SipTransports(config, receiver, group, front);
        try {
            transports.bind();
        } catch (Throwable e) { // Netty's sync() rethrows a bind's IOException unchecked: close on that too
            transports.close();
            throw e;
        }
        return transports;
    }

    /** {@code config.ioThreads()} event loops of the kind these transports use (epoll where it loads, else NIO). */
    public static EventLoopGroup eventLoops(TransportConfig config) {
        return Sockets.choose(config.nativeTransport()).newGroup(config.ioThreads(), "sip-io");
    }

    private void bind() throws InterruptedException {
        if (config.listens(Transport.UDP)) {
            udp = UdpListener.bind(config, sockets, group, new DatagramDispatch(receiver, counters,
                    config.maxMessageBytes(), logGate));
        }
        for (Transport transport : new Transport[] {Transport.TCP, Transport.TLS}) {
            if (config.listens(transport)) {
                ConnectionCounts counts = new ConnectionCounts(config.maxConnections(),
                        config.maxConnectionsPerAddress());
                ServerBootstrap server = new ServerBootstrap().group(group).channel(sockets.serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(config))
                        .childHandler(streams.accepted(transport, counts));
                streamListeners.put(transport, server.bind(config.host(), config.port(transport)).sync().channel());
            }
        }
        LOG.info("SIP transports listening: {} ({})", listening(), sockets.epoll() ? "epoll" : "nio");
    }

    private static WriteBufferWaterMark waterMark(TransportConfig config) {
        return new WriteBufferWaterMark(config.writeBufferLowWaterMark(), config.writeBufferHighWaterMark());
    }

    /**
     * A lower bound of how long the next datagram the UDP listener reads has waited in its socket (the age of the
     * oldest wait probe not read yet, {@link SocketWaitProbe}); 0 when it is caught up or there is no probe. Any
     * thread, cheap.
     */
    public long udpBacklogNanos() {
        SocketWaitProbe probe = udpProbe();
        return probe == null ? 0 : probe.backlogNanos();
    }

    /** The UDP socket's wait probe, or null (tests). */
    SocketWaitProbe udpProbe() {
        return udp == null ? null : udp.probe();
    }

    /** The address a transport listens on (with the bound port when 0 was asked), or null when it does not. */
    public InetSocketAddress localAddress(Transport transport) {
        if (transport == Transport.UDP) {
            return udp == null ? null : udp.localAddress();
        }
        Channel listener = streamListeners.get(transport);
        return listener == null ? null : (InetSocketAddress) listener.localAddress();
    }

    /** The bound port, or -1 when that transport does not listen. */
    public int port(Transport transport) {
        InetSocketAddress address = localAddress(transport);
        return address == null ? -1 : address.getPort();
    }

    /** True when running on native epoll, false on NIO. */
    public boolean isNative() {
        return sockets.epoll();
    }

    /**
     * Sends back the way {@code flow} came (RFC 3261 18.2.2): over its connection, or for UDP from the socket it
     * arrived on. False (message dropped) when the connection has closed; the caller may then use the Via's address.
     */
    public boolean send(Flow flow, ByteBuf message) {
        if (flow.transport() == Transport.UDP) {
            return sendDatagram(flow.channel(), flow.peer(), message);
        }
        if (!flow.isOpen()) {
            message.release();
            counters.droppedNoConnection.increment();
            return false;
        }
        return sendStream(flow.channel(), message);
    }

    /**
     * Sends toward {@code peer}: UDP from the listening socket, TCP/TLS over an open connection to that address
     * (accepted or ours) or a new one, at most maxOutgoingConnections. The address must be resolved (RFC 3263 is the
     * caller's). False when dropped: no UDP listener, at the connection cap, or the connection is backed up.
     */
    public boolean send(Peer peer, ByteBuf message) {
        if (peer.address().isUnresolved()) {
            message.release();
            throw new IllegalArgumentException("SIP peer address is not resolved: " + peer);
        }
        if (peer.transport() == Transport.UDP) {
            if (udp == null) {
                message.release();
                counters.droppedNoConnection.increment();
                return false;
            }
            return sendDatagram(udp.channelFor(peer), peer, message);
        }
        Channel channel = connections.connection(peer, this::dial);
        if (channel == null) {
            message.release();
            counters.droppedNoConnection.increment();
            if (logGate.allow("outgoing-cap")) {
                LOG.warn("SIP toward {}: {} outgoing connections open (maxOutgoingConnections); message dropped "
                        + "(logged once a minute)", peer, connections.outgoing());
            }
            return false;
        }
        return sendStream(channel, message);
    }

    private Channel dial(Peer peer) {
        ChannelFuture connect = dialler.clone().handler(streams.outgoing(peer)).connect(peer.address());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                counters.connectFailures.increment();
                if (logGate.allow(peer)) {
                    LOG.warn("SIP toward {}: cannot connect: {} (logged once a minute per peer)", peer,
                            f.cause().toString());
                }
                receiver.onTransportError(peer, "connect failed: " + f.cause().getMessage());
            }
        });
        return connect.channel();
    }

    private boolean sendDatagram(Channel channel, Peer peer, ByteBuf message) {
        if (!channel.isWritable()) {
            message.release();
            counters.droppedNotWritable.increment();
            return false;
        }
        counters.sent.increment();
        write(channel, new DatagramPacket(message, peer.address()));
        return true;
    }

    private boolean sendStream(Channel channel, ByteBuf message) {
        if (!channel.isWritable()
                && channel.bytesBeforeWritable() + config.writeBufferLowWaterMark() > config.maxPendingBytes()) {
            message.release(); // WriteBackpressure cuts the peer off on the event loop; do not queue behind it
            counters.droppedNotWritable.increment();
            channel.pipeline().fireUserEventTriggered(new Fault(CloseReason.NOT_READING, "over maxPendingBytes"));
            return false;
        }
        counters.sent.increment();
        if (channel.isActive()) {
            write(channel, message);
        } else {
            // a new connection's handlers (TLS among them) are added on its event loop after registration, and a
            // write from another thread picks its next handler at once: it would skip them and leave in plaintext
            channel.eventLoop().execute(() -> channel.write(message, channel.voidPromise()));
        }
        return true;
    }

    /**
     * Netty queues a write from another thread lazily (it does not wake a sleeping event loop) but counts its bytes
     * toward writability, which the bounds rely on; the no-op task behind it wakes the loop.
     */
    private static void write(Channel channel, Object message) {
        channel.write(message, channel.voidPromise());
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(WAKE);
        }
    }

    private static final Runnable WAKE = () -> { };

    public TransportStats stats() {
        return counters.snapshot();
    }

    private String listening() {
        StringBuilder out = new StringBuilder();
        for (Transport transport : Transport.values()) {
            InetSocketAddress address = localAddress(transport);
            if (address != null) {
                out.append(out.length() == 0 ? "" : ", ").append(transport).append(' ').append(address);
            }
        }
        return out.length() == 0 ? "none (send only)" : out.toString();
    }

    /** Closes the listeners and every connection, and stops the event loops (waits at most a few seconds). */
    @Override
    public void close() {
        if (udp != null) {
            udp.close();
        }
        streamListeners.values().forEach(Channel::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
