package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.smpp.codec.SmppCodec;
import io.edgegw.smpp.guard.PduSizeEstimator;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.edgegw.smpp.keepalive.EnquireLinkKeepalive;
import io.edgegw.smpp.tls.TlsFiles;
import io.edgegw.smpp.window.SequenceNumbers;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.function.Consumer;

/**
 * Opens a carrier bind's connections to its endpoint, each with the same pipeline read top to bottom: TLS (when the
 * endpoint asks for it, with the carrier's context current at that moment), framing and codec, writability guard,
 * keepalive, and the bind's handler.
 */
final class CarrierDialer {
    private static final int MAX_PDU_BYTES = SmppCodec.DEFAULT_MAX_PDU_BYTES;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final EndpointConfig endpoint;
    private final Bootstrap bootstrap;

    /**
     * @param tls              the carrier's TLS files; used only when the endpoint says {@code tls}
     * @param handshakeMillis  how long the TLS handshake may take before the connection is closed
     * @param opening          told of each new connection before it connects, on the event loop
     */
    CarrierDialer(SmppCarrierBind bind, CarrierConfig carrier, EndpointConfig endpoint, TlsFiles tls, EventLoop loop,
                  SequenceNumbers sequences, long stalledPeerMillis, long handshakeMillis, Consumer<Channel> opening) {
        if (endpoint.tls() && tls == null) {
            throw new IllegalArgumentException("carrier " + carrier.id() + " endpoint " + endpoint
                    + " is TLS but the carrier's TLS files were not read");
        }
        this.endpoint = endpoint;
        String who = "carrier bind " + bind.name();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true) // windowed SMPP stalls 40 ms per round under Nagle
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                // a carrier that stops reading holds at most the water mark of our memory, then is cut off
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WritabilityGuard.WATER_MARK)
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, PduSizeEstimator.INSTANCE)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        opening.accept(ch); // before connecting, so even a connect completing at once is recognised
                        ChannelPipeline p = ch.pipeline();
                        if (endpoint.tls()) {
                            // the host given here is the name the SMSC's certificate is checked against
                            SslHandler ssl = tls.context().newHandler(ch.alloc(), endpoint.host(), endpoint.port());
                            ssl.setHandshakeTimeoutMillis(handshakeMillis);
                            p.addLast("tls", ssl);
                        }
                        SmppCodec.install(p, MAX_PDU_BYTES);
                        p.addLast("flow", new WritabilityGuard(stalledPeerMillis, () -> who, () -> { }));
                        p.addLast("idle", new IdleStateHandler(carrier.enquireLinkSeconds(), 0, 0));
                        p.addLast("keepalive", new EnquireLinkKeepalive(sequences, carrier.responseTimeoutMillis(),
                                () -> who));
                        p.addLast("session", new CarrierBindHandler(bind, ch));
                    }
                });
    }

    ChannelFuture dial() {
        return bootstrap.connect(endpoint.host(), endpoint.port());
    }

    /** Whether the bind PDU must wait for a TLS handshake. */
    boolean tls() {
        return endpoint.tls();
    }
}
