package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: {@code sip.proxyProtocol} on the TCP listener. Tenant {@code acme} may call from 127.0.0.1 only; a raw
 * socket from 127.0.0.1 plays the trusted balancer and names the client in a PROXY header, so the same socket is a
 * tenant or a stranger by the header alone. Through a real HAProxy: deploy's HaproxyTest.
 */
@Timeout(60)
class SipProxyProtocolTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Gateway gateway;
    private InetSocketAddress proxy;

    @BeforeEach
    void start() {
        gateway = SipGateway.start(dir.resolve("queues"), 9, 9,
                ", proxyProtocol: { trustedSources: [127.0.0.1], headerTimeoutMillis: 500 }", "", "");
        proxy = SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private double refused(String reason) {
        return gateway.meters().get("edge_sip_connections_refused").tag("reason", reason).counter().count();
    }

    @Test
    void sipSourcesSeesTheClientTheHeaderNames() throws Exception {
        assertTrue(firstAnswer("127.0.0.1", "127.0.0.1").startsWith("SIP/2.0 100 "), "acme's own address: a call");
        assertTrue(firstAnswer("127.0.0.1", "127.0.0.3").startsWith("SIP/2.0 403 "),
                "a stranger behind the trusted balancer: refused, though the socket is acme's address");
    }

    @Test
    void aHeaderFromAnUntrustedAddressIsClosedUnanswered() throws Exception {
        assertEquals("(closed)", firstAnswer("127.0.0.2", "127.0.0.1"));
        assertEquals(1.0, refused("proxy_untrusted"));
    }

    @Test
    void sipWithoutAHeaderIsClosed() throws Exception {
        try (Socket s = connect("127.0.0.1")) {
            s.getOutputStream().write(invite("127.0.0.1").getBytes(StandardCharsets.US_ASCII));
            assertEquals("(closed)", read(s.getInputStream()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> refused("proxy_header") == 1.0);
    }

    /** Through a socket from {@code socketFrom}, a PROXY v1 header naming {@code client}, then an INVITE. */
    private String firstAnswer(String socketFrom, String client) throws IOException {
        try (Socket s = connect(socketFrom)) {
            String header = "PROXY TCP4 " + client + " " + proxy.getAddress().getHostAddress() + " 5999 "
                    + proxy.getPort() + "\r\n";
            s.getOutputStream().write((header + invite(client)).getBytes(StandardCharsets.US_ASCII));
            return read(s.getInputStream());
        }
    }

    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(proxy, 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    private String invite(String client) {
        String target = proxy.getAddress().getHostAddress() + ":" + proxy.getPort();
        return "INVITE sip:4470000001@" + target + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP " + client + ":5999;branch=z9hG4bK" + UUID.randomUUID().toString().replace("-", "")
                + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@" + client + ">;tag=raw1\r\n"
                + "To: <sip:4470000001@" + target + ">\r\n"
                + "Call-ID: " + UUID.randomUUID() + "@proxied\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:caller@" + client + ":5999;transport=tcp>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The first line of the first answer, or "(closed)" when the connection closes first. */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8).trim();
                }
                line.write(b);
            }
        } catch (java.net.SocketException reset) {
            // closed with unread data: a reset
        }
        return "(closed)";
    }
}
