package io.edgegw.sipstack.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two transports over TLS on loopback (gateway and trunk), and openssl s_client as an independent peer. */
class TlsTransportTest {
    @TempDir
    static Path dir;
    private static TestPki pki;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private SipTransports server(Recorder recorder, ClientAuth clientAuth) throws Exception {
        TlsConfig tls = TlsConfig.builder().server(pki.pem("server"), pki.key("server"))
                .clientAuth(clientAuth, clientAuth == ClientAuth.NONE ? null : pki.pem("ca")).build();
        SipTransports transports = SipTransports.start(TransportConfig.builder().host("127.0.0.1").tls(0, tls)
                .ioThreads(1).build(), recorder);
        recorder.attach(transports);
        open.add(transports);
        return transports;
    }

    private SipTransports client(Recorder recorder, String trustedCa, String clientCert) throws Exception {
        TlsConfig.Builder tls = TlsConfig.builder().serverTrust(pki.pem(trustedCa));
        if (clientCert != null) {
            tls.clientCertificate(pki.pem(clientCert), pki.key(clientCert));
        }
        SipTransports transports = SipTransports.start(TransportConfig.builder().host("127.0.0.1")
                .tlsClient(tls.build()).ioThreads(1).build(), recorder);
        recorder.attach(transports);
        open.add(transports);
        return transports;
    }

    private static Peer tlsPeer(SipTransports server) {
        return new Peer(Transport.TLS, server.localAddress(Transport.TLS));
    }

    @Test
    void requestAndAnswerCrossTlsWithClientCertificatesRequired() throws Exception {
        Recorder gateway = new Recorder().answering(SipText::ok);
        SipTransports server = server(gateway, ClientAuth.REQUIRE);
        Recorder trunk = new Recorder();
        SipTransports client = client(trunk, "ca", "client");
        assertTrue(client.send(tlsPeer(server), SipText.buf(SipText.options(5))));
        await().atMost(Duration.ofSeconds(10)).until(() -> trunk.messages.size() == 1);
        assertEquals(SipText.options(5), gateway.messages.get(0).text());
        assertTrue(trunk.messages.get(0).text().startsWith("SIP/2.0 200 OK"));
        assertEquals(Transport.TLS, gateway.messages.get(0).source().transport());
    }

    @Test
    void clientWithACertificateFromAnotherCaIsRefusedWhenClientAuthIsRequired() throws Exception {
        Recorder gateway = new Recorder();
        SipTransports server = server(gateway, ClientAuth.REQUIRE);
        SipTransports client = client(new Recorder(), "ca", "rogue-client");
        client.send(tlsPeer(server), SipText.buf(SipText.options(1)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.stats().closed(CloseReason.TLS_HANDSHAKE) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stats().openConnections() == 0);
        assertEquals(0, gateway.messages.size());
    }

    @Test
    void clientWithoutACertificateIsRefusedWhenClientAuthIsRequired() throws Exception {
        Recorder gateway = new Recorder();
        SipTransports server = server(gateway, ClientAuth.REQUIRE);
        SipTransports client = client(new Recorder(), "ca", null);
        client.send(tlsPeer(server), SipText.buf(SipText.options(1)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.stats().closed(CloseReason.TLS_HANDSHAKE) == 1);
        assertEquals(0, gateway.messages.size());
    }

    @Test
    void clientThatDoesNotTrustTheServersCertificateFails() throws Exception {
        Recorder gateway = new Recorder();
        SipTransports server = server(gateway, ClientAuth.NONE);
        SipTransports client = client(new Recorder(), "rogue-ca", null);
        client.send(tlsPeer(server), SipText.buf(SipText.options(1)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.stats().closed(CloseReason.TLS_HANDSHAKE) == 1);
        assertEquals(0, gateway.messages.size());
    }

    @Test
    void firstRequestOnANewTlsConnectionIsSentEncrypted() throws Exception {
        Recorder gateway = new Recorder();
        SipTransports server = server(gateway, ClientAuth.NONE);
        for (int i = 0; i < 20; i++) { // each a new client, so each races its connection's set-up
            SipTransports client = client(new Recorder(), "ca", null);
            client.send(tlsPeer(server), SipText.buf(SipText.options(i)));
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> gateway.messages.size() == expected);
            client.close();
        }
        assertEquals(0, server.stats().closed(CloseReason.TLS_HANDSHAKE), "no plaintext reached the TLS port");
    }

    @Test
    void opensslClientGetsAnAnswerOverTls() throws Exception {
        SipTransports server = server(new Recorder().answering(SipText::ok), ClientAuth.REQUIRE);
        Process sClient = new ProcessBuilder("openssl", "s_client", "-quiet", "-verify_return_error",
                "-connect", "127.0.0.1:" + server.port(Transport.TLS), "-CAfile", pki.pem("ca").toString(),
                "-cert", pki.pem("client").toString(), "-key", pki.key("client").toString())
                .redirectErrorStream(true).start();
        open.add(sClient::destroy);
        sClient.getOutputStream().write(SipText.bytes(SipText.options(9)));
        sClient.getOutputStream().flush();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(sClient.getInputStream(), output));
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> output.toString(StandardCharsets.UTF_8)
                .contains("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK-9\r\n"));
    }

    @Test
    void opensslClientPresentingAnUntrustedCertificateIsRefused() throws Exception {
        Recorder gateway = new Recorder();
        SipTransports server = server(gateway, ClientAuth.REQUIRE);
        Process sClient = new ProcessBuilder("openssl", "s_client", "-quiet",
                "-connect", "127.0.0.1:" + server.port(Transport.TLS), "-CAfile", pki.pem("ca").toString(),
                "-cert", pki.pem("rogue-client").toString(), "-key", pki.key("rogue-client").toString())
                .redirectErrorStream(true).start();
        open.add(sClient::destroy);
        sClient.getOutputStream().write(SipText.bytes(SipText.options(1)));
        sClient.getOutputStream().flush();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.stats().closed(CloseReason.TLS_HANDSHAKE) == 1);
        assertEquals(0, gateway.messages.size());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (java.io.IOException e) {
            // the process was stopped
        }
    }
}
