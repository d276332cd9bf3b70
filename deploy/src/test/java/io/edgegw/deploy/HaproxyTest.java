package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 15: source ACLs through a real HAProxy (Debian's, installed by deploy/ci/test-tools) running the shipped
 * deploy/haproxy/haproxy.cfg with only its addresses changed to this machine's loopback ports. Tenant {@code fenced}
 * may bind and call from 127.0.0.2 only; clients bind their sockets to 127.0.0.2 or 127.0.0.3 (Linux routes all of
 * 127/8 to lo), and HAProxy itself connects to the gateway from 127.0.0.1.
 */
@Timeout(120)
class HaproxyTest {
    private static final Path HAPROXY = Stream.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")
            .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);

    @TempDir
    Path dir;
    private Gateway gateway;
    private Process haproxy;
    private int smppFront;
    private int sipFront;

    @BeforeEach
    void haproxyInstalled() {
        assumeTrue(HAPROXY != null, "haproxy is not installed (deploy/ci/test-tools installs Debian's haproxy): "
                + "the PROXY protocol through a real balancer is not tested here");
    }

    @AfterEach
    void stop() throws Exception {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor(10, TimeUnit.SECONDS);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    /** The gateway with or without the PROXY protocol on both listeners, and HAProxy sending it or not. */
    private void start(boolean proxyProtocol) throws Exception {
        String proxy = "proxyProtocol: { enabled: %b, trustedSources: [127.0.0.1] }".formatted(proxyProtocol);
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0, %s }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                sip: { enabled: true, host: 127.0.0.1, port: 0, transport: tcp, %s }
                tenants:
                  - { id: fenced, systemId: fenced, password: fence-pw, allowedSources: [127.0.0.2],
                      sipSources: [127.0.0.2] }
                  - { id: open, systemId: open, password: open-pw }
                """.formatted(proxy, dir.resolve("queues").toAbsolutePath(), proxy)));
        smppFront = freePort();
        sipFront = freePort();
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, config(proxyProtocol));
        haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", smppFront); Socket t = new Socket("127.0.0.1", sipFront)) {
                return true;
            }
        });
    }

    /** The shipped file, its listeners on free loopback ports and its first instance this gateway. */
    private String config(boolean proxyProtocol) throws IOException {
        Path shipped = Stream.of(Path.of("haproxy", "haproxy.cfg"), Path.of("deploy", "haproxy", "haproxy.cfg"))
                .filter(Files::isRegularFile).findFirst().orElseThrow();
        String text = Files.readString(shipped);
        text = replace(text, "log /dev/log local0", "log stdout format raw local0");
        text = replace(text, "bind :2775", "bind 127.0.0.1:" + smppFront);
        text = replace(text, "bind :5060", "bind 127.0.0.1:" + sipFront);
        text = replace(text, "bind :3550", "bind 127.0.0.1:" + freePort());
        text = replace(text, "bind :5061", "bind 127.0.0.1:" + freePort());
        text = replace(text, "edge-0.edge:2775", "127.0.0.1:" + gateway.listeners().get("smpp").getPort());
        text = replace(text, "edge-0.edge:5060", "127.0.0.1:" + gateway.listeners().get("sip").getPort());
        text = replace(text, "check port 8080", "check port " + gateway.listeners().get("admin").getPort());
        text = text.replaceAll("(?m)^\\s*server edge-[12] .*$", ""); // one instance: each connection reaches it
        return proxyProtocol ? text : replace(text, " send-proxy-v2", "");
    }

    private static String replace(String text, String what, String with) {
        assertTrue(text.contains(what), "deploy/haproxy/haproxy.cfg no longer has '" + what + "'");
        return text.replace(what, with);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private int bindThroughHaproxy(String from, String systemId, String password) throws Exception {
        try (SmppPeer peer = new SmppPeer(from, smppFront)) {
            return peer.bind(systemId, password);
        }
    }

    @Test
    void allowedSourcesSeesTheClientBehindHaproxy() throws Exception {
        start(true);
        assertEquals(SMPPConstant.STAT_ESME_ROK, bindThroughHaproxy("127.0.0.2", "fenced", "fence-pw"));
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, bindThroughHaproxy("127.0.0.3", "fenced", "fence-pw"));
        assertEquals(SMPPConstant.STAT_ESME_ROK, bindThroughHaproxy("127.0.0.3", "open", "open-pw"));
    }

    @Test
    void withoutTheProxyProtocolTheGatewaySeesOnlyHaproxy() throws Exception {
        start(false);
        assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, bindThroughHaproxy("127.0.0.2", "fenced", "fence-pw"),
                "the gateway sees 127.0.0.1, HAProxy's address, which fenced may not bind from");
    }

    @Test
    void sipSourcesSeesTheClientBehindHaproxy() throws Exception {
        start(true);
        assertTrue(firstSipAnswer("127.0.0.2").startsWith("SIP/2.0 100 "), "fenced's address: a call");
        assertTrue(firstSipAnswer("127.0.0.3").startsWith("SIP/2.0 403 "), "anyone else: a stranger");
    }

    /** The first line of the gateway's first answer to an INVITE sent over TCP through HAProxy from {@code from}. */
    private String firstSipAnswer(String from) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            s.connect(new InetSocketAddress("127.0.0.1", sipFront), 5_000);
            s.setSoTimeout(10_000);
            String target = "127.0.0.1:" + sipFront;
            String invite = "INVITE sip:4470000001@" + target + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP " + from + ":" + s.getLocalPort() + ";branch=z9hG4bK"
                    + UUID.randomUUID().toString().replace("-", "") + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:caller@" + from + ">;tag=raw1\r\n"
                    + "To: <sip:4470000001@" + target + ">\r\n"
                    + "Call-ID: " + UUID.randomUUID() + "@haproxy\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Contact: <sip:caller@" + from + ":" + s.getLocalPort() + ";transport=tcp>\r\n"
                    + "Content-Length: 0\r\n\r\n";
            s.getOutputStream().write(invite.getBytes(StandardCharsets.US_ASCII));
            return firstLine(s.getInputStream());
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8).trim();
                }
                line.write(b);
            }
        } catch (SocketException reset) {
            // closed with our bytes unread
        }
        return "(closed)";
    }
}
