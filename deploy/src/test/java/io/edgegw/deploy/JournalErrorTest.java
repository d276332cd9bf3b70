package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 13: when the journal cannot write what a message's completion waits for (its correlation after a carrier took
 * it, or the failed receipt the gateway wrote for it), the message still completes, so its tenant's lane does not
 * stall behind it. The fault is real: the queue the journal writes to is closed under the running gateway (reached by
 * reflection, so the gateway carries no hook for it), and every write to it then throws.
 */
class JournalErrorTest {
    private static final int MESSAGES = 5;

    @TempDir
    Path storage;

    private Gateway start(int carrierPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                carriers:
                  - { id: telco, systemId: edge, password: edge, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '44', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), carrierPort)));
    }

    private static Object field(Gateway g, String name) throws Exception {
        Field f = Gateway.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(g);
    }

    private static double meter(Gateway g, String name, String tag, String value) {
        return g.meters().get(name).tag(tag, value).meter().measure().iterator().next().getValue();
    }

    @Test
    void messagesWhoseCorrelationCannotBeJournaledStillComplete() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"));
             Gateway gateway = start(smsc.port());
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSMITTER)) {
            ((ChronicleQueue) field(gateway, "correlationQueue")).close();
            for (int i = 0; i < MESSAGES; i++) {
                assertEquals(SmppConstants.STATUS_OK, acme.submit("447700900001", "m" + i).getCommandStatus());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> smsc.counters().submitsReceived() == MESSAGES);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> meter(gateway, "edge_tenant_inbound_depth", "tenant", "acme") == 0);
            assertEquals(MESSAGES, meter(gateway, "edge_journal_errors", "event", "carrier_response"));
        }
    }

    @Test
    void messagesWhoseFailedReceiptCannotBeWrittenStillComplete() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"));
             Gateway gateway = start(smsc.port());
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSMITTER)) { // no receiver: nothing reads the outbound queue closed below
            @SuppressWarnings("unchecked")
            List<TenantQueues> queues = (List<TenantQueues>) field(gateway, "queues");
            queues.get(0).outbound().close();
            for (int i = 0; i < MESSAGES; i++) { // no route to 33: each ends with a failed receipt at once
                assertEquals(SmppConstants.STATUS_OK, acme.submit("33612345678", "m" + i).getCommandStatus());
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> meter(gateway, "edge_tenant_inbound_depth", "tenant", "acme") == 0);
            assertEquals(MESSAGES, meter(gateway, "edge_journal_errors", "event", "failed_receipt"));
            assertEquals(0, smsc.counters().submitsReceived());
        }
    }
}
