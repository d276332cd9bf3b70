package io.edgegw.smpp.tenant;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.testing.UsageEvents;
import io.edgegw.core.usage.UsageRecord;
import io.edgegw.core.usage.UsageTotals;
import io.edgegw.smpp.carrier.TestSmsc;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, encodings: a tenant's {@code defaultAlphabet} is what its data_coding 0 means, so 141 octets of data_coding
 * 0 text are 1 segment for a GSM 7-bit tenant (160 a segment) and 2 for a Latin-1 one (140 a segment), at submit
 * ({@code edge_tenant_segments_total}) and in its usage events. Real gateway on loopback, Cloudhopper as tenants.
 */
class TenantDefaultAlphabetTest {
    @TempDir
    Path storage;
    private TestSmsc carrier;
    private Gateway gateway;
    private final DefaultSmppClient client = new DefaultSmppClient();

    @AfterEach
    void stop() {
        client.destroy();
        if (gateway != null) {
            gateway.close();
        }
        if (carrier != null) {
            carrier.stop();
        }
    }

    @Test
    void aLatin1TenantsDataCodingZeroCountsOctetsAGsm7TenantsCountsSeptets() throws Exception {
        int port = freePort();
        carrier = new TestSmsc(port);
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                  - { id: latin, systemId: latin, password: latin-pw, defaultAlphabet: latin1 }
                carriers:
                  - { id: uk, systemId: gw, password: pw, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [uk] }
                """.formatted(storage.toAbsolutePath(), port)));
        byte[] text = new byte[141];
        Arrays.fill(text, (byte) 'a');
        for (String tenant : List.of("acme", "latin")) {
            SmppSession s = bind(tenant, tenant + "-pw");
            SubmitSm sm = new SubmitSm();
            sm.setSourceAddress(new Address((byte) 1, (byte) 1, "12345"));
            sm.setDestAddress(new Address((byte) 1, (byte) 1, "447700900001"));
            sm.setDataCoding((byte) 0);
            sm.setShortMessage(text);
            assertEquals(SmppConstants.STATUS_OK, s.submit(sm, 10_000).getCommandStatus());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() == 2);
        assertEquals(1.0, segments("acme", "gsm7"));
        assertEquals(2.0, segments("latin", "latin1"), "140 octets a segment in Latin-1");
        assertEquals(0.0, segments("latin", "gsm7") + segments("acme", "latin1"));

        await().atMost(Duration.ofSeconds(20)).until(() -> accepted("acme") == 1 && accepted("latin") == 1);
        gateway.close();
        gateway = null;
        Map<String, UsageRecord> byTenant = usageEvents();
        assertEquals(1, byTenant.get("acme").segments());
        assertEquals("GSM7", byTenant.get("acme").alphabet());
        assertEquals(2, byTenant.get("latin").segments(), "the usage event counts what the submit counted");
        assertEquals("LATIN1", byTenant.get("latin").alphabet());
    }

    /** The usage events on disk by tenant (the gateway stopped). */
    private Map<String, UsageRecord> usageEvents() {
        Map<String, UsageRecord> out = new HashMap<>();
        for (UsageRecord e : UsageEvents.read(storage)) {
            if (e.kind() == UsageRecord.ACCEPTED) { // not the ROUTED and FINAL events of the same messages
                out.put(e.tenantId(), e);
            }
        }
        return out;
    }

    private SmppSession bind(String systemId, String password) throws Exception {
        SmppSessionConfiguration cfg = new SmppSessionConfiguration();
        cfg.setType(SmppBindType.TRANSCEIVER);
        cfg.setHost("127.0.0.1");
        cfg.setPort(gateway.listeners().get("smpp").getPort());
        cfg.setSystemId(systemId);
        cfg.setPassword(password);
        cfg.setBindTimeout(10_000);
        return client.bind(cfg);
    }

    private double segments(String tenant, String encoding) {
        Counter c = gateway.meters().find("edge_tenant_segments").tag("tenant", tenant).tag("encoding", encoding)
                .counter();
        return c == null ? -1 : c.count();
    }

    /** The tenant's messages the usage reader has made into ACCEPTED events this month. */
    private long accepted(String tenant) {
        UsageTotals t = gateway.usage().totals(tenant);
        return t == null ? 0 : t.messages();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
