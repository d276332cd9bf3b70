package io.edgegw.core.support;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.testing.UsageEvents;
import io.edgegw.core.usage.UsageRecord;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The usage tests' gateway: tenants acme (plan "std", EUR, 0.0500 a segment, 0.0400 to 44; segments after the 10th
 * at half price) and globex (no plan), carrier telco routed for 44, an admin token; and what they submit and read.
 */
public final class UsageSupport {
    public static final String TOKEN = "usage-token-0123456789";

    private UsageSupport() {
    }

    public static GatewayConfig config(Path dir) {
        return ConfigLoader.parse("""
                admin: { host: 127.0.0.1, port: 0, token: %s }
                smpp: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                  - { id: globex, systemId: globex, password: globex }
                carriers:
                  - { id: telco, systemId: gw, password: pw, window: 10, endpoints: [{ host: 127.0.0.1, port: 1 }] }
                routes:
                  - { prefix: '44', carriers: [telco] }
                pricing:
                  plans:
                    - id: std
                      currency: EUR
                      sms:
                        - { prefix: '', price: '0.0500' }
                        - { prefix: '44', price: '0.0400' }
                      tiers:
                        - { from: 0, multiplier: 1 }
                        - { from: 10, multiplier: '0.5' }
                  tenants:
                    acme: std
                """.formatted(TOKEN, dir.toAbsolutePath()));
    }

    /** GSM 7-bit (data_coding 0), {@code chars} septets: up to 254 as short_message, more as message_payload. */
    public static ShortMessage gsm(String dest, int chars) {
        byte[] text = new byte[chars];
        Arrays.fill(text, (byte) 'a');
        return new ShortMessage((byte) 1, (byte) 1, "12345", (byte) 1, (byte) 1, dest, (byte) 0, (byte) 0, (byte) 0,
                (byte) 0, (byte) 0, text);
    }

    /** UCS-2 (data_coding 8), {@code chars} characters. */
    public static ShortMessage ucs2(String dest, int chars) {
        byte[] text = "é".repeat(chars).getBytes(StandardCharsets.UTF_16BE);
        return new ShortMessage((byte) 1, (byte) 1, "12345", (byte) 1, (byte) 1, dest, (byte) 0, (byte) 0, (byte) 0,
                (byte) 0, (byte) 8, text);
    }

    /** Every event in {@code <dir>/usage}, in order (the gateway stopped). */
    public static List<UsageRecord> events(Path dir) {
        return UsageEvents.read(dir);
    }

    /** Documents in a tenant's inbound queue (the gateway stopped). */
    public static long inboundRecords(Path dir, String tenant) {
        long n = 0;
        try (ChronicleQueue q = TenantQueues.open(dir.resolve("tenants").resolve(tenant).resolve("inbound"),
                RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    n++;
                }
            }
        }
    }
}
