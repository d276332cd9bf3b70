package io.edgegw.sip;

import io.edgegw.core.config.ConfigLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway is stopping ({@link SipConnector#stopIntake()}): a new INVITE is answered 503 with Retry-After, while a
 * call being set up goes on to its answer, and the connector counts as drained only once it has.
 */
@Timeout(60)
class StopIntakeTest {
    @TempDir
    Path dir;

    @Test
    void aNewInviteGets503WhileACallBeingSetUpGoesOnAndTheStopWaitsForIt() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (RawSip trunk = new RawSip("127.0.0.1"); RawSip caller = new RawSip("127.0.0.1")) {
            SipConnector connector = new SipConnector(ConfigLoader.parse("""
                    storage: { dir: '%s' }
                    sip: { enabled: true, host: 127.0.0.1, port: 0 }
                    tenants:
                      - { id: acme, systemId: acme, password: acme-pw, sipSources: [127.0.0.1/32] }
                    carriers:
                      - { id: first, sip: { host: 127.0.0.1, port: %d, probe: { intervalMillis: 0 } } }
                    routes:
                      - { prefix: '447', carriers: [first] }
                    """.formatted(dir.resolve("queues").toAbsolutePath(), trunk.port())), meters);
            connector.start();
            try {
                InetSocketAddress proxy = connector.listeners().get("sip");
                caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "before@x"), proxy);
                RawSip.Received invite = trunk.receiveStarting("INVITE ");
                await().atMost(Duration.ofSeconds(10)).until(() -> connector.proxy().callsSettingUp() == 1);

                connector.stopIntake();
                assertFalse(connector.drained(), "a call is being set up");

                caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "after@x"), proxy);
                RawSip.Received refused = caller.response(503, "INVITE");
                assertEquals("after@x", refused.header("Call-ID"), refused::text);
                assertNotNull(refused.header("Retry-After"), refused::text);
                assertEquals(1.0, meters.get("edge_sip_stopping_refused").counter().count());

                // the call under way still gets its answer, and then nothing is left to wait for
                trunk.send(RawSip.response(invite.text(), 486, "Busy Here"), invite.from());
                assertEquals(486, caller.response(486, "INVITE").status());
                await().atMost(Duration.ofSeconds(10)).until(connector::drained);
                assertTrue(connector.proxy().callsSettingUp() == 0);
            } finally {
                connector.close();
            }
        }
    }
}
