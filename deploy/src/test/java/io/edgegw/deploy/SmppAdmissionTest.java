package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.tenant.PasswordHash;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13: no cap on connections, allowedSources checked only after the bind's other work, and SMPP passwords only
 * in clear in the file.
 */
class SmppAdmissionTest {
    @TempDir
    Path storage;
    private Gateway gateway;

    private int start(String smpp, String tenants) {
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0, %s }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                %s
                """.formatted(smpp, storage.toAbsolutePath(), tenants)));
        return GatewayFixture.smppPort(gateway);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aConnectionBeyondThePerSourceCapIsRefusedWhileAnotherSourceStillConnects() throws Exception {
        int port = start("maxConnectionsPerSource: 2", "  - { id: acme, systemId: acme, password: acme-pw }");
        try (SmppPeer first = new SmppPeer("127.0.0.1", port);
             SmppPeer second = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, first.bind("acme", "acme-pw"));
            assertEquals(SMPPConstant.STAT_ESME_ROK, second.bind("acme", "acme-pw"));
            try (SmppPeer third = new SmppPeer("127.0.0.1", port)) {
                third.send(SmppPeer.bindTransceiver(1, "acme", "acme-pw"));
                assertEquals(0, third.countUntilClosed(), "closed at accept, its bind unanswered");
            }
            try (SmppPeer elsewhere = new SmppPeer("127.0.0.2", port)) {
                assertEquals(SMPPConstant.STAT_ESME_ROK, elsewhere.bind("acme", "acme-pw"));
            }
        }
    }

    @Test
    void aConnectionFromAnAddressNoTenantMayBindFromIsClosedBeforeAnyWork() throws Exception {
        int port = start("maxConnections: 10",
                "  - { id: fenced, systemId: fenced, password: fence-pw, allowedSources: [10.0.0.0/8] }");
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            peer.send(SmppPeer.bindTransceiver(1, "fenced", "fence-pw"));
            assertEquals(0, peer.countUntilClosed(), "no bind_resp: the connection was refused at accept");
        }
    }

    @Test
    void aPasswordFromTheEnvironmentBinds() throws Exception {
        // EDGE_TEST_SMPP_PASSWORD=envpw-01 is set for this module's tests in deploy/pom.xml
        int port = start("maxConnections: 10",
                "  - { id: envy, systemId: envy, password: 'env:EDGE_TEST_SMPP_PASSWORD' }");
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, peer.bind("envy", "envpw-01"));
        }
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL,
                    peer.bind("envy", "env:EDG"), "the variable's name is no password");
        }
    }

    @Test
    void aHashedPasswordBindsAndAWrongOneDoesNot() throws Exception {
        String hash = PasswordHash.create("hash-pw1", 1_000);
        int port = start("maxConnections: 10", "  - { id: hashy, systemId: hashy, password: '" + hash + "' }");
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, peer.bind("hashy", "hash-pw2"));
            assertEquals(SMPPConstant.STAT_ESME_ROK, peer.bind("hashy", "hash-pw1"));
        }
        try (SmppPeer again = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, again.bind("hashy", "hash-pw1")); // the fast path
        }
    }
}
