package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.spi.AckSink;
import io.edgegw.core.support.ChildGateway;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link UsageRoutingKillNineTest}: a gateway with its SMPP connector and one carrier (the
 * simulator the test runs, at the port given), submitting {@code count} messages to acme with receipts requested,
 * printing each acknowledged id; from the first quarter on only once the carrier has accepted some, so the kill comes
 * while messages are being routed; then it waits to be killed.
 */
public final class UsageRoutingVictim {
    static final String TOKEN = "usage-routing-token-31337";

    static GatewayConfig config(Path storage, int carrierPort) {
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                carriers:
                  - { id: telco, systemId: edge, password: edge, window: 20, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                pricing:
                  plans:
                    - { id: std, currency: EUR, sms: [{ prefix: '', price: '0.0500' }] }
                  tenants: { acme: std }
                  carriers:
                    telco: { currency: EUR, sms: [{ prefix: '', cost: '0.0100' }] }
                """.formatted(TOKEN, storage.toAbsolutePath(), carrierPort));
    }

    static ShortMessage message(int i) {
        return new ShortMessage((byte) 1, (byte) 1, "12345", (byte) 1, (byte) 1, "4477009" + (10000 + i), (byte) 0,
                (byte) 0, (byte) 0, (byte) 1, (byte) 0, ("m" + i).getBytes(StandardCharsets.ISO_8859_1));
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        Gateway g = Gateway.start(config(Path.of(args[0]), Integer.parseInt(args[1])));
        int count = Integer.parseInt(args[2]);
        AckSink ack = ChildGateway.printingAcks(out);
        for (int i = 0; i < count; i++) {
            if (i == count / 4) {
                awaitRouting(Path.of(args[0]), 50); // so the kill comes while messages are being routed
            }
            while (g.ingress().submit("acme", message(i), ack, i) != 0) {
                Thread.onSpinWait();
            }
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Waits until the correlations journal (carrier acceptances) has {@code entries} entries. */
    private static void awaitRouting(Path storage, int entries) throws InterruptedException {
        try (ChronicleQueue q = TenantQueues.open(storage.resolve("correlations"),
                RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptTailer t = q.createTailer()) {
            int seen = 0;
            while (seen < entries) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (dc.isPresent()) {
                        seen++;
                        continue;
                    }
                }
                Thread.sleep(5);
            }
        }
    }
}
