package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.sipstack.transport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The TLS listener's certificate renewed in place, without a restart: new connections get the new one, sessions
 * already open go on with theirs, and files that cannot be used leave the last good certificate in service.
 */
class SmppTlsReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void replace(Path from, Path to) throws Exception {
        Path next = to.resolveSibling(to.getFileName() + ".new");
        Files.copy(from, next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double reloads(Gateway g, String outcome) {
        return g.meters().get("edge_smpp_tls_reloads").tag("outcome", outcome).counter().count();
    }

    @Test
    void aRenewedCertificateServesNewConnectionsOpenSessionsGoOnAndBadFilesKeepTheLastGoodOne() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        pki.issueServer("renewed", "ca");
        BigInteger first = SmppTls.certificate(pki.pem("server")).getSerialNumber();
        BigInteger renewed = SmppTls.certificate(pki.pem("renewed")).getSerialNumber();
        assertNotEquals(first, renewed);
        Path certificate = dir.resolve("gateway.pem");
        Path key = dir.resolve("gateway.key");
        Files.copy(pki.pem("server"), certificate);
        Files.copy(pki.key("server"), key);

        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"));
             Gateway g = Gateway.start(ConfigLoader.parse("""
                     smpp: { host: 127.0.0.1, tlsReloadSeconds: 1,
                             tls: { port: 0, certificate: '%s', privateKey: '%s', only: true } }
                     admin: { host: 127.0.0.1, port: 0 }
                     storage: { dir: '%s' }
                     tenants:
                       - { id: acme, systemId: acme, password: acme-pw }
                     carriers:
                       - { id: carrier-a, systemId: edge, password: edge, endpoints: [{ host: 127.0.0.1, port: %d }] }
                     routes:
                       - { prefix: '', carriers: [carrier-a] }
                     """.formatted(certificate, key, dir.resolve("queues"), smsc.port())))) {
            assertNull(g.listeners().get("smpp"), "TLS only: no plain listener");
            int port = g.listeners().get("smpp-tls").getPort();
            assertEquals(first, SmppTls.shownBy(port, pki, "ca").getSerialNumber());

            try (CloudhopperTenant open = new CloudhopperTenant(port, "acme", "acme-pw", SmppBindType.TRANSMITTER,
                    SmppTls.cloudhopper(pki, "ca", null))) {
                assertEquals(SmppConstants.STATUS_OK, open.submit("447700900004", "before").getCommandStatus());

                replace(pki.pem("renewed"), certificate);
                replace(pki.key("renewed"), key);

                await().atMost(WAIT).until(() -> SmppTls.shownBy(port, pki, "ca").getSerialNumber().equals(renewed));
                assertEquals(SmppConstants.STATUS_OK, open.submit("447700900004", "after, same session")
                        .getCommandStatus(), "a session opened under the old certificate goes on");
                try (CloudhopperTenant fresh = new CloudhopperTenant(port, "acme", "acme-pw",
                        SmppBindType.TRANSMITTER, SmppTls.cloudhopper(pki, "ca", null))) {
                    assertEquals(SmppConstants.STATUS_OK, fresh.submit("447700900004", "new session")
                            .getCommandStatus());
                }

                // a botched renewal: the key file is not a key (or not this certificate's)
                Path garbage = dir.resolve("garbage");
                Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
                replace(garbage, key);
                await().atMost(WAIT).until(() -> reloads(g, "failed") >= 1);
                replace(pki.key("server"), key);
                await().atMost(WAIT).until(() -> reloads(g, "failed") >= 2);

                assertEquals(renewed, SmppTls.shownBy(port, pki, "ca").getSerialNumber(), "the last good one");
                try (CloudhopperTenant fresh = new CloudhopperTenant(port, "acme", "acme-pw",
                        SmppBindType.TRANSMITTER, SmppTls.cloudhopper(pki, "ca", null))) {
                    assertEquals(SmppConstants.STATUS_OK, fresh.submit("447700900004", "still served")
                            .getCommandStatus());
                }
                assertEquals(SmppConstants.STATUS_OK, open.submit("447700900004", "last").getCommandStatus());
            }
        }
    }
}
