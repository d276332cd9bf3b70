package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 13: SMPP passwords could be guessed at line speed (200 wrong binds answered in 0.1 s on one socket). */
class BindGuessingTest {
    @TempDir
    Path storage;
    private Gateway gateway;

    /** Short delays so the test reaches the lockout quickly; the shape is the production one. */
    private int start() {
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0,
                        bindGuard: { freeFailures: 3, firstDelayMillis: 20, maxDelayMillis: 100, lockoutFailures: 8,
                                     lockoutSeconds: 300, failuresPerSession: 3 } }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                """.formatted(storage.toAbsolutePath())));
        return GatewayFixture.smppPort(gateway);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void twoHundredPipelinedWrongPasswordsGetAFewAnswersAndTheSessionIsClosed() throws Exception {
        int port = start();
        ByteArrayOutputStream guesses = new ByteArrayOutputStream();
        for (int i = 1; i <= 200; i++) {
            guesses.write(SmppPeer.bindTransceiver(i, "acme", "guess" + i));
        }
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            peer.send(guesses.toByteArray());
            int answers = peer.countUntilClosed();
            assertTrue(answers >= 1 && answers <= 3, "answers before the close: " + answers);
        }
    }

    @Test
    void anAddressThatKeepsGuessingIsLockedOutEvenWithTheRightPasswordWhileAnotherAddressStillBinds()
            throws Exception {
        int port = start();
        int failures = 0;
        while (failures < 8) {
            try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
                for (int i = 0; i < 3 && failures < 8; i++) {
                    assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, peer.bind("acme", "wrong" + failures));
                    failures++;
                }
            }
        }
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, peer.bind("acme", "acme-pw"));
        }
        try (SmppPeer other = new SmppPeer("127.0.0.2", port)) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, other.bind("acme", "acme-pw"));
        }
    }

    @Test
    void aSessionIsClosedAfterThreeFailedBindsAndTheRightPasswordStillWorksBeforeTheLockout() throws Exception {
        int port = start();
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            for (int i = 0; i < 3; i++) {
                assertNotEquals(SMPPConstant.STAT_ESME_ROK, peer.bind("acme", "nope" + i));
            }
            assertEquals(0, peer.countUntilClosed());
        }
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, peer.bind("acme", "acme-pw"));
        }
    }
}
