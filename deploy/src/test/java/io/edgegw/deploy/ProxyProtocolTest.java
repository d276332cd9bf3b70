package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.sipstack.transport.TestPki;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyStore;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 15: {@code smpp.proxyProtocol}. The gateway trusts PROXY headers from 127.0.0.1 only (the balancer); raw
 * sockets play the balancer and the hostile peers, so each case is exact. Through a real HAProxy: HaproxyTest.
 */
class ProxyProtocolTest {
    @TempDir
    Path storage;
    private Gateway gateway;

    private int start() {
        return start("");
    }

    /** With {@code smpp} fields ({@code "maxConnectionsPerSource: 1"}). */
    private int start(String smpp) {
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp:
                  host: 127.0.0.1
                  port: 0
                  proxyProtocol: { enabled: true, trustedSources: [127.0.0.1], headerTimeoutMillis: 500 }
                  %s
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: fenced, systemId: fenced, password: fence-pw, allowedSources: [127.0.0.2] }
                  - { id: open, systemId: open, password: open-pw }
                """.formatted(smpp, storage.toAbsolutePath())));
        return GatewayFixture.smppPort(gateway);
    }

    /** The TLS listener alone (clientAuth none), behind the same PROXY protocol. */
    private int startTls(TestPki pki) {
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp:
                  host: 127.0.0.1
                  port: 0
                  tls: { port: 0, only: true, certificate: '%s', privateKey: '%s' }
                  proxyProtocol: { trustedSources: [127.0.0.1] }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: fenced, systemId: fenced, password: fence-pw, allowedSources: [127.0.0.2] }
                  - { id: open, systemId: open, password: open-pw }
                """.formatted(pki.pem("server"), pki.key("server"), storage.toAbsolutePath())));
        return gateway.listeners().get("smpp-tls").getPort();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private double refused(String reason) {
        return gateway.meters().get("edge_smpp_tenant_connections_refused").tag("reason", reason).counter().count();
    }

    static byte[] v1(String client) {
        return ("PROXY TCP4 " + client + " 127.0.0.1 40000 2775\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY TCP4 header (HAProxy's send-proxy-v2), or LOCAL (its health checks) when {@code client} is null. */
    static byte[] v2(String client) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        if (client == null) {
            b.put((byte) 0x20).put((byte) 0x00).putShort((short) 0);
        } else {
            b.put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
            b.put(InetAddress.getByName(client).getAddress()).put(InetAddress.getByName("127.0.0.1").getAddress());
            b.putShort((short) 40000).putShort((short) 2775);
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** Header and bind in one write, as a balancer relaying a fast client does. */
    private static int bindVia(int port, byte[] header, String systemId, String password) throws Exception {
        try (SmppPeer balancer = new SmppPeer("127.0.0.1", port)) {
            balancer.send(concat(header, SmppPeer.bindTransceiver(1, systemId, password)));
            return balancer.read().status();
        }
    }

    @Test
    void theClientAHeaderNamesIsWhatAllowedSourcesSees() throws Exception {
        int port = start();
        assertEquals(SMPPConstant.STAT_ESME_ROK, bindVia(port, v1("127.0.0.2"), "fenced", "fence-pw"), "v1");
        assertEquals(SMPPConstant.STAT_ESME_ROK, bindVia(port, v2("127.0.0.2"), "fenced", "fence-pw"), "v2");
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, bindVia(port, v1("127.0.0.3"), "fenced", "fence-pw"));
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, bindVia(port, v2("127.0.0.3"), "fenced", "fence-pw"));
    }

    @Test
    void onTheTlsListenerTheHeaderComesBeforeTheHandshakeAndNamesTheClient(@TempDir Path pkiDir) throws Exception {
        TestPki pki = TestPki.create(pkiDir);
        int port = startTls(pki);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(SmppTls.trustStore(pki, "ca"))) {
            store.load(in, SmppTls.PASSWORD.toCharArray());
        }
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        for (String client : new String[] {"127.0.0.2", "127.0.0.3"}) {
            try (Socket balancer = new Socket("127.0.0.1", port)) {
                balancer.getOutputStream().write(v2(client)); // in the clear, then TLS on the same connection
                try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(balancer, "127.0.0.1", port, true)) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write(SmppPeer.bindTransceiver(1, "fenced", "fence-pw"));
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readInt();
                    in.readInt();
                    int status = in.readInt();
                    assertEquals(client.equals("127.0.0.2") ? SMPPConstant.STAT_ESME_ROK
                            : SMPPConstant.STAT_ESME_RBINDFAIL, status, client);
                }
            }
        }
    }

    @Test
    void thePerSourceCapCountsTheClientsNotTheBalancer() throws Exception {
        int port = start("maxConnectionsPerSource: 1");
        try (SmppPeer first = new SmppPeer("127.0.0.1", port);
             SmppPeer other = new SmppPeer("127.0.0.1", port)) {
            first.send(concat(v2("127.0.0.2"), SmppPeer.bindTransceiver(1, "open", "open-pw")));
            assertEquals(SMPPConstant.STAT_ESME_ROK, first.read().status());
            other.send(concat(v2("127.0.0.4"), SmppPeer.bindTransceiver(1, "open", "open-pw")));
            assertEquals(SMPPConstant.STAT_ESME_ROK, other.read().status(), "another client: its own slot");
            try (SmppPeer second = new SmppPeer("127.0.0.1", port)) {
                second.send(concat(v2("127.0.0.2"), SmppPeer.bindTransceiver(1, "open", "open-pw")));
                assertEquals(0, second.countUntilClosed(), "127.0.0.2's one slot is taken");
            }
        }
        assertEquals(1.0, refused("source_full"));
    }

    @Test
    void aLocalHeaderIsTheBalancerItselfWhichBindsOnlyWhereItsOwnAddressMay() throws Exception {
        int port = start();
        assertEquals(SMPPConstant.STAT_ESME_ROK, bindVia(port, v2(null), "open", "open-pw"));
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, bindVia(port, v2(null), "fenced", "fence-pw"),
                "the balancer's 127.0.0.1 is not in fenced's allowedSources");
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, bindVia(port,
                "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII), "fenced", "fence-pw"));
    }

    @Test
    void aForgedHeaderFromAnUntrustedAddressIsClosedUnanswered() throws Exception {
        int port = start();
        try (SmppPeer forger = new SmppPeer("127.0.0.2", port)) {
            forger.send(concat(v1("127.0.0.2"), SmppPeer.bindTransceiver(1, "fenced", "fence-pw")));
            assertEquals(0, forger.countUntilClosed(), "closed at accept, its bind unanswered");
        }
        assertEquals(1.0, refused("proxy_untrusted"));
    }

    @Test
    void garbageInsteadOfAHeaderIsClosed() throws Exception {
        int port = start();
        try (SmppPeer balancer = new SmppPeer("127.0.0.1", port)) {
            balancer.send("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(0, balancer.countUntilClosed());
        }
        try (SmppPeer direct = new SmppPeer("127.0.0.1", port)) { // a client that skipped the balancer
            direct.send(SmppPeer.bindTransceiver(1, "open", "open-pw"));
            direct.send(new byte[120]);
            assertEquals(0, direct.countUntilClosed(), "an SMPP bind is no PROXY header");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> refused("proxy_header") == 2.0);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
        int port = start();
        try (SmppPeer silent = new SmppPeer("127.0.0.1", port);
             SmppPeer halfHeader = new SmppPeer("127.0.0.1", port)) {
            halfHeader.send("PROXY TCP4 127.0.0.2".getBytes(StandardCharsets.US_ASCII));
            assertEquals(0, silent.countUntilClosed(), "closed after 500 ms, within the peer's 10 s read timeout");
            assertEquals(0, halfHeader.countUntilClosed());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> refused("proxy_timeout") == 2.0);
        assertEquals(0.0, refused("proxy_header"));
    }
}
