package io.edgegw.smpp.tenant;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.type.Address;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.smpp.carrier.TestSmsc;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, addresses: a tenant's allowed sender ids and its destinations in E.164, on a real gateway on loopback
 * between Cloudhopper as the tenant and two Cloudhopper SMSCs as carriers: {@code uk} routed for prefix 44, {@code
 * world} for everything else.
 */
class TenantAddressRulesTest {
    @TempDir
    Path storage;
    private TestSmsc uk;
    private TestSmsc world;
    private Gateway gateway;
    private final DefaultSmppClient client = new DefaultSmppClient();

    @BeforeEach
    void start() throws Exception {
        int ukPort = freePort();
        int worldPort = freePort();
        uk = new TestSmsc(ukPort);
        world = new TestSmsc(worldPort);
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - id: acme
                    systemId: acme
                    password: acme-pw
                    senders:
                      allow:
                        - { type: alphanumeric, pattern: "ACME.*" }
                        - { type: shortcode, pattern: "12345" }
                        - { type: number, pattern: "4470000\\\\d{5}" }
                    destinations: { countryCode: "44", nationalPrefix: "0" }
                  - { id: plain, systemId: plain, password: plain-pw }
                carriers:
                  - { id: uk, systemId: gw, password: pw, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                  - { id: world, systemId: gw, password: pw, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '44', carriers: [uk] }
                  - { prefix: '', carriers: [world] }
                """.formatted(storage.toAbsolutePath(), ukPort, worldPort)));
    }

    @AfterEach
    void stop() {
        client.destroy();
        if (gateway != null) {
            gateway.close();
        }
        uk.stop();
        world.stop();
    }

    @Test
    void aSenderOutsideTheAllowedListIsRefusedInvalidSourceAndNeverReachesACarrier() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        assertEquals(SmppConstants.STATUS_INVSRCADR, send(acme, 5, "EVIL", 1, "447700900001"));
        assertEquals(SmppConstants.STATUS_INVSRCADR, send(acme, 1, "447100099999", 1, "447700900002"),
                "a number outside the allowed range");
        assertEquals(SmppConstants.STATUS_INVSRCADR, send(acme, 1, "ACME", 1, "447700900003"),
                "an alphanumeric id sent with a number's TON");
        assertEquals(SmppConstants.STATUS_OK, send(acme, 5, "ACME Ltd", 1, "447700900004"));

        // one queue, first in first out: had a refused one been queued, it would have reached a carrier first
        await().atMost(Duration.ofSeconds(20)).until(() -> uk.submits.size() >= 1);
        assertEquals("ACME Ltd", uk.submits.get(0).getSourceAddress().getAddress());
        assertEquals(1, uk.submits.size() + world.submits.size(), "only the allowed sender's message was sent");
        assertEquals(3.0, refused("acme", "source_address"));
    }

    @Test
    void allowedShortCodeAndNumberSendersPass() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        assertEquals(SmppConstants.STATUS_OK, send(acme, 3, "12345", 1, "447700900011"));
        assertEquals(SmppConstants.STATUS_OK, send(acme, 2, "07000012345", 1, "447700900012"),
                "a national sender number, matched as 447000012345");
        assertEquals(SmppConstants.STATUS_OK, send(acme, 1, "+447000012345", 1, "447700900013"));
        await().atMost(Duration.ofSeconds(20)).until(() -> uk.submits.size() == 3);
    }

    @Test
    void aNationalDestinationIsRoutedAndSentAsE164() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        assertEquals(SmppConstants.STATUS_OK, send(acme, 5, "ACME", 2, "07700900123"));
        assertEquals(SmppConstants.STATUS_OK, send(acme, 0, "12345", 1, "+447700900124"));
        assertEquals(SmppConstants.STATUS_OK, send(acme, 5, "ACME", 0, "00447700900125"));

        // "07700900123" as written would have taken the catch-all route to world: prefix 44 picked uk
        await().atMost(Duration.ofSeconds(20)).until(() -> uk.submits.size() == 3);
        assertEquals(List.of("447700900123", "447700900124", "447700900125"),
                uk.submits.stream().map(s -> s.getDestAddress().getAddress()).toList());
        assertEquals(List.of((byte) 1, (byte) 1, (byte) 1),
                uk.submits.stream().map(s -> s.getDestAddress().getTon()).toList(), "sent as international");
        assertEquals(0, world.submits.size());
    }

    @Test
    void anOverLongOrNonDigitInternationalDestinationIsRefusedInvalidDestination() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        assertEquals(SmppConstants.STATUS_INVDSTADR, send(acme, 5, "ACME", 1, "4477009001234567"), "16 digits");
        assertEquals(SmppConstants.STATUS_INVDSTADR, send(acme, 5, "ACME", 1, "44770090abc"));
        assertEquals(SmppConstants.STATUS_INVDSTADR, send(acme, 5, "ACME", 1, "123456"), "6 digits");
        assertEquals(SmppConstants.STATUS_OK, send(acme, 5, "ACME", 1, "447700900200"));

        await().atMost(Duration.ofSeconds(20)).until(() -> uk.submits.size() >= 1);
        assertEquals("447700900200", uk.submits.get(0).getDestAddress().getAddress());
        assertEquals(1, uk.submits.size() + world.submits.size(), "only the valid destination was sent");
        assertEquals(3.0, refused("acme", "destination_address"));
    }

    @Test
    void aTenantWithoutRulesSendsFromAnySenderToDestinationsAsWritten() throws Exception {
        SmppSession plain = bind("plain", "plain-pw");
        assertEquals(SmppConstants.STATUS_OK, send(plain, 5, "WHOEVER", 2, "07700900123"));
        assertEquals(SmppConstants.STATUS_OK, send(plain, 1, "1", 1, "44770090abc"));

        await().atMost(Duration.ofSeconds(20)).until(() -> world.submits.size() + uk.submits.size() == 2);
        assertEquals("07700900123", world.submits.get(0).getDestAddress().getAddress(), "not rewritten");
        assertEquals(2, world.submits.get(0).getDestAddress().getTon());
        assertEquals(0.0, refused("plain", "source_address") + refused("plain", "destination_address"));
    }

    private SmppSession bind(String systemId, String password) throws Exception {
        SmppSessionConfiguration c = new SmppSessionConfiguration(SmppBindType.TRANSMITTER, systemId, password);
        c.setHost("127.0.0.1");
        c.setPort(gateway.listeners().get("smpp").getPort());
        c.setBindTimeout(5_000);
        c.setConnectTimeout(5_000);
        return client.bind(c);
    }

    /** The submit_sm_resp command_status of one message from {@code source} to {@code dest}. */
    private static int send(SmppSession session, int sourceTon, String source, int destTon, String dest)
            throws Exception {
        SubmitSm sm = new SubmitSm();
        sm.setSourceAddress(new Address((byte) sourceTon, (byte) 1, source));
        sm.setDestAddress(new Address((byte) destTon, (byte) 1, dest));
        sm.setShortMessage(CharsetUtil.encode("hello", CharsetUtil.CHARSET_GSM));
        return session.submit(sm, 10_000).getCommandStatus();
    }

    private double refused(String tenant, String reason) {
        Counter c = gateway.meters().find("edge_tenant_submits_refused").tag("tenant", tenant).tag("reason", reason)
                .counter();
        return c == null ? -1 : c.count();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
