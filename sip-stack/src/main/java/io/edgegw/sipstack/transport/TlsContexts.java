package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/** Builds the server and client TLS contexts from {@link TlsConfig}'s PEM files, once, at start. */
final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    static SslContext server(TlsConfig tls) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(tls.certChain().toFile(), tls.key().toFile())
                    .sslProvider(SslProvider.JDK).protocols(PROTOCOLS);
            if (tls.clientAuth() != ClientAuth.NONE) {
                builder.trustManager(tls.clientTrust().toFile()).clientAuth(tls.clientAuth() == ClientAuth.REQUIRE
                        ? io.netty.handler.ssl.ClientAuth.REQUIRE : io.netty.handler.ssl.ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("sip transport tls.certChain/tls.key/tls.clientTrust cannot be used: "
                    + e.getMessage(), e);
        }
    }

    static SslContext client(TlsConfig tls) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS);
            if (tls != null && tls.serverTrust() != null) {
                builder.trustManager(tls.serverTrust().toFile());
            }
            if (tls != null && tls.clientCertChain() != null) {
                builder.keyManager(tls.clientCertChain().toFile(), tls.clientKey().toFile());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("sip transport tls.serverTrust/tls.clientCertChain/tls.clientKey cannot "
                    + "be used: " + e.getMessage(), e);
        }
    }

    /** A client handler for {@code peer}; with {@code verifyHostname} the certificate must name the host dialled. */
    static SslHandler clientHandler(SslContext context, ByteBufAllocator alloc, Peer peer, boolean verifyHostname) {
        SslHandler handler = context.newHandler(alloc, peer.address().getHostString(), peer.address().getPort());
        if (verifyHostname) {
            SSLEngine engine = handler.engine();
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(parameters);
        }
        return handler;
    }
}
