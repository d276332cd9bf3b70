package io.edgegw.sipstack.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/**
 * The pipeline of every TCP and TLS connection, accepted or opened, top to bottom: (accepted only) the front, when
 * there is one (a PROXY header reader, which leaves once it named the client), and the connection cap,
 * TLS, idle timeout, write back-pressure, flush batching, framing, incomplete-message timeout, keep-alive pong,
 * dispatch to the receiver, and last the one place that counts, logs and closes on any fault.
 */
final class StreamPipeline {
    private final TransportConfig config;
    private final SipReceiver receiver;
    private final TransportCounters counters;
    private final ConnectionTable table;
    private final OncePerMinute logGate;
    private final SslContext serverTls;
    private final SslContext clientTls;
    /** Null: the socket's peer is the client. */
    private final AcceptedFront front;

    StreamPipeline(TransportConfig config, SipReceiver receiver, TransportCounters counters, ConnectionTable table,
                   OncePerMinute logGate, SslContext serverTls, SslContext clientTls, AcceptedFront front) {
        this.front = front;
        this.config = config;
        this.receiver = receiver;
        this.counters = counters;
        this.table = table;
        this.logGate = logGate;
        this.serverTls = serverTls;
        this.clientTls = clientTls;
    }

    ChannelInitializer<Channel> accepted(Transport transport, ConnectionCounts counts) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                if (front == null) {
                    addAccepted(channel, transport, counts);
                } else {
                    front.accept(channel, client -> {
                        StreamPeer.set(channel, client);
                        addAccepted(channel, transport, counts);
                    });
                }
            }
        };
    }

    private void addAccepted(Channel channel, Transport transport, ConnectionCounts counts) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("limit", new ConnectionLimiter(counts));
        if (transport == Transport.TLS) {
            pipeline.addLast("tls", serverTls.newHandler(channel.alloc()));
        }
        addCommon(pipeline, transport, null);
    }

    ChannelInitializer<Channel> outgoing(Peer peer) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                ChannelPipeline pipeline = channel.pipeline();
                if (peer.transport() == Transport.TLS) {
                    pipeline.addLast("tls", TlsContexts.clientHandler(clientTls, channel.alloc(), peer,
                            config.tls() == null || config.tls().verifyHostname()));
                }
                addCommon(pipeline, peer.transport(), new Flow(peer, channel));
            }
        };
    }

    private void addCommon(ChannelPipeline pipeline, Transport transport, Flow flow) {
        pipeline.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toNanos(), TimeUnit.NANOSECONDS));
        pipeline.addLast("backpressure", new WriteBackpressure(config.unwritableTimeout().toNanos(),
                config.maxPendingBytes(), counters));
        pipeline.addLast("flush", new FlushBatcher());
        pipeline.addLast("framer", new StreamFramer(config.maxMessageBytes()));
        pipeline.addLast("readTimeout", new IncompleteMessageTimeout(config.messageReadTimeout().toNanos()));
        pipeline.addLast("keepAlive", new KeepAliveResponder());
        pipeline.addLast("dispatch", new StreamDispatch(transport, receiver, counters, table, flow));
        pipeline.addLast("faults", new ConnectionFaults(transport, counters, logGate));
    }
}
