package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: a peer streaming enquire_link without reading the answers grew the gateway by 1.9 GB; PDUs other than
 * bind were processed and answered before bind without end.
 */
class NonReadingTenantTest {
    /** The water mark (64 KiB) plus the answers to what one read can hold, with room to spare. */
    private static final long BACKLOG_BOUND = 1024 * 1024;

    @TempDir
    Path storage;
    private Gateway gateway;

    private int start() {
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0, stalledPeerSeconds: 1, bindTimeoutSeconds: 120 }
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

    private double pendingTowardTenants() {
        return gateway.meters().get("edge_smpp_tenant_outbound_pending_bytes").gauge().value();
    }

    @Test
    void peerThatNeverReadsIsCutOffWithItsBacklogBounded() throws Exception {
        int port = start();
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        for (int i = 0; i < 4096; i++) {
            burst.write(SmppPeer.COMPOSER.enquireLink(i + 2));
        }
        byte[] bytes = burst.toByteArray();
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, peer.bind("acme", "acme-pw"));
            Thread writer = new Thread(() -> {
                try {
                    while (true) {
                        peer.output().write(bytes); // never reads a single answer
                    }
                } catch (IOException cutOff) {
                    // the gateway closed the connection: what this test waits for
                }
            }, "non-reading-peer");
            writer.setDaemon(true);
            writer.start();
            double[] maxPending = {0};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
                maxPending[0] = Math.max(maxPending[0], pendingTowardTenants());
                return !writer.isAlive();
            });
            assertTrue(maxPending[0] <= BACKLOG_BOUND, "bytes queued toward the peer: " + maxPending[0]);
            assertTrue(gateway.meters().get("edge_smpp_tenant_connections_cut_off").counter().count() >= 1);
        }
    }

    @Test
    void submitsBeforeBindGetNoProcessingAndTheConnectionIsClosedAfterAFew() throws Exception {
        int port = start();
        ByteArrayOutputStream submits = new ByteArrayOutputStream();
        for (int i = 1; i <= 100; i++) {
            submits.write(SmppPeer.submit(i));
        }
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            peer.send(submits.toByteArray());
            for (int i = 1; i <= 3; i++) {
                SmppPeer.Header answer = peer.read();
                assertEquals(SMPPConstant.CID_SUBMIT_SM_RESP, answer.commandId());
                assertEquals(SMPPConstant.STAT_ESME_RINVBNDSTS, answer.status());
            }
            assertEquals(0, peer.countUntilClosed(), "nothing answered after the third");
        }
    }

    @Test
    void enquireLinkFloodBeforeBindIsCutShort() throws Exception {
        int port = start();
        ByteArrayOutputStream flood = new ByteArrayOutputStream();
        for (int i = 1; i <= 1000; i++) {
            flood.write(SmppPeer.COMPOSER.enquireLink(i));
        }
        try (SmppPeer peer = new SmppPeer("127.0.0.1", port)) {
            peer.send(flood.toByteArray());
            int answers = peer.countUntilClosed();
            assertTrue(answers <= 10, "answers to 1000 enquire_link before bind: " + answers);
        }
    }
}
