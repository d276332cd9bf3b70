package io.edgegw.sip;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.sipstack.transport.TestPki;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A real gateway on loopback with a TLS listener ({@code sip.tls}, ephemeral port) using TestPki's {@code server}
 * certificate and trusting its {@code ca}: tenant {@code acme} calls from 127.0.0.1, numbers starting 447 go to
 * trunk {@code first}, then {@code second}, each given as its {@code sip} section, neither probed.
 */
final class TlsGateway {
    private TlsGateway() {
    }

    /** {@code first}/{@code second}: a trunk's address and transport, e.g. {@code "port: 5061, transport: tls"}. */
    static Gateway start(Path storage, TestPki pki, String clientAuth, String first, String second) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                sip:
                  enabled: true
                  host: 127.0.0.1
                  port: 0
                  failoverAfterMillis: 1500
                  inviteTimeoutSeconds: 15
                  tls: { port: 0, certificate: '%s', privateKey: '%s', clientAuth: %s, trustedCertificates: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, sipSources: [127.0.0.1/32] }
                carriers:
                  - { id: first, sip: { host: 127.0.0.1, %s, probe: { intervalMillis: 0 } } }
                  - { id: second, sip: { host: 127.0.0.1, %s, probe: { intervalMillis: 0 } } }
                routes:
                  - { prefix: '447', carriers: [first, second] }
                """.formatted(storage.toAbsolutePath(), pki.pem("server"), pki.key("server"), clientAuth,
                        pki.pem("ca"), first, second)),
                List.of(new SipConnectorFactory()));
    }

    static InetSocketAddress tls(Gateway gateway) {
        return gateway.listeners().get("sip-tls");
    }

    static InetSocketAddress udp(Gateway gateway) {
        return gateway.listeners().get("sip");
    }
}
