package io.edgegw.smpp.tls;

import io.edgegw.core.config.CarrierTlsConfig;
import io.edgegw.core.config.SmppTlsConfig;
import io.edgegw.core.config.TlsClientAuth;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the SMPP TLS contexts from PEM files, with the JDK's TLS (no native library on the class path), TLS 1.3 and
 * 1.2 only. Each {@link TlsFiles.Loaded} says which certificate it shows and which it trusts, for the logs.
 */
public final class TlsContexts {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** The tenant listener's context, kept current from its files. */
    public static TlsFiles listener(SmppTlsConfig tls) {
        List<Path> files = new ArrayList<>(List.of(Path.of(tls.certificate()), Path.of(tls.privateKey())));
        if (tls.clientAuth() != TlsClientAuth.NONE) {
            files.add(Path.of(tls.trustedCertificates()));
        }
        return TlsFiles.load("SMPP TLS listener (smpp.tls)", files, () -> server(tls));
    }

    /** A carrier's client context, kept current from its files; {@code what} names it in logs. */
    public static TlsFiles carrier(String what, CarrierTlsConfig tls) {
        List<Path> files = new ArrayList<>();
        for (String f : new String[] {tls.trustedCertificates(), tls.certificate(), tls.privateKey()}) {
            if (f != null) {
                files.add(Path.of(f));
            }
        }
        return TlsFiles.load(what, files, () -> client(tls));
    }

    static TlsFiles.Loaded server(SmppTlsConfig tls) throws Exception {
        Path certificateFile = Path.of(tls.certificate());
        Path keyFile = Path.of(tls.privateKey());
        List<X509Certificate> chain = Pem.certificates(certificateFile);
        PrivateKey key = Pem.privateKey(keyFile);
        Pem.checkPair(key, chain.get(0), keyFile, certificateFile);
        SslContextBuilder builder = SslContextBuilder.forServer(key, chain).sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS);
        List<X509Certificate> trusted = List.of();
        if (tls.clientAuth() != TlsClientAuth.NONE) {
            trusted = Pem.certificates(Path.of(tls.trustedCertificates()));
            builder.trustManager(trusted)
                    .clientAuth(tls.clientAuth() == TlsClientAuth.REQUIRE ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        return new TlsFiles.Loaded(builder.build(), chain.get(0), trusted);
    }

    static TlsFiles.Loaded client(CarrierTlsConfig tls) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS)
                // the JDK checks the name against the host given to newHandler; null turns the check off
                .endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null);
        List<X509Certificate> trusted = null;
        if (tls.trustedCertificates() != null) {
            trusted = Pem.certificates(Path.of(tls.trustedCertificates()));
            builder.trustManager(trusted);
        }
        X509Certificate shown = null;
        if (tls.certificate() != null) {
            Path certificateFile = Path.of(tls.certificate());
            Path keyFile = Path.of(tls.privateKey());
            List<X509Certificate> chain = Pem.certificates(certificateFile);
            PrivateKey key = Pem.privateKey(keyFile);
            Pem.checkPair(key, chain.get(0), keyFile, certificateFile);
            builder.keyManager(key, chain);
            shown = chain.get(0);
        }
        return new TlsFiles.Loaded(builder.build(), shown, trusted);
    }
}
