package io.edgegw.smpp.tenant;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.tlv.Tlv;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, segments: every submit the core takes is recognised (short_message, message_payload, UDH or SAR part) and
 * counted in {@code edge_tenant_segments_total{tenant, encoding}}; a malformed one is refused with its SMPP status and
 * never queued. A real gateway on loopback between Cloudhopper as the tenant and a Cloudhopper SMSC as the carrier.
 */
class TenantSegmentsTest {
    private static final byte UDHI = 0x40;
    private static final List<String> ENCODINGS = List.of("gsm7", "ia5", "latin1", "ucs2", "binary");

    @TempDir
    Path storage;
    private TestSmsc carrier;
    private Gateway gateway;
    private final DefaultSmppClient client = new DefaultSmppClient();

    @BeforeEach
    void start() throws Exception {
        int port = freePort();
        carrier = new TestSmsc(port);
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                  - { id: slow, systemId: slow, password: slow-pw, submitsPerSecond: 1, submitBurst: 1,
                      destinations: { countryCode: "44", nationalPrefix: "0" } }
                carriers:
                  - { id: uk, systemId: gw, password: pw, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [uk] }
                """.formatted(storage.toAbsolutePath(), port)));
    }

    @AfterEach
    void stop() {
        client.destroy();
        if (gateway != null) {
            gateway.close();
        }
        carrier.stop();
    }

    @Test
    void aThreeHundredCharacterGsmTextAsMessagePayloadCountsTwoSegments() throws Exception {
        for (String tenant : List.of("acme", "slow")) {
            for (String encoding : ENCODINGS) {
                assertEquals(0.0, segments(tenant, encoding), "registered at start: " + tenant + " " + encoding);
            }
        }
        SmppSession acme = bind("acme", "acme-pw");
        byte[] text = gsm("a".repeat(300));
        SubmitSm sm = submit("447700900001");
        sm.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, text));
        assertEquals(SmppConstants.STATUS_OK, send(acme, sm));

        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() == 1);
        assertArrayEquals(text, carrier.submits.get(0).getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD)
                .getValue());
        assertEquals(2.0, segments("acme", "gsm7"));
        assertEquals(0.0, segments("acme", "ucs2") + segments("slow", "gsm7"));
    }

    @Test
    void aSeventyOneCharacterUcs2TextCountsTwoSegments() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        SubmitSm sm = submit("447700900002");
        sm.setDataCoding((byte) 8);
        sm.setShortMessage("\u0416".repeat(71).getBytes(StandardCharsets.UTF_16BE));
        assertEquals(SmppConstants.STATUS_OK, send(acme, sm));

        SubmitSm seventy = submit("447700900003");
        seventy.setDataCoding((byte) 8);
        seventy.setShortMessage("\u0416".repeat(70).getBytes(StandardCharsets.UTF_16BE));
        assertEquals(SmppConstants.STATUS_OK, send(acme, seventy));

        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() == 2);
        assertEquals(3.0, segments("acme", "ucs2"), "71 characters are 2 segments, 70 are 1");
        assertEquals(0.0, segments("acme", "gsm7"));
    }

    @Test
    void threeUdhPartsCountOneEachAndAllReachTheCarrier() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        for (int seq = 1; seq <= 3; seq++) {
            SubmitSm part = submit("447700900004");
            part.setEsmClass(UDHI);
            part.setShortMessage(udhPart(0x2A, 3, seq, "p".repeat(seq == 3 ? 40 : 153)));
            assertEquals(SmppConstants.STATUS_OK, send(acme, part));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() == 3);
        for (int seq = 1; seq <= 3; seq++) {
            SubmitSm got = carrier.submits.get(seq - 1);
            assertEquals(UDHI, got.getEsmClass() & UDHI);
            assertArrayEquals(udhPart(0x2A, 3, seq, "p".repeat(seq == 3 ? 40 : 153)), got.getShortMessage());
        }
        assertEquals(3.0, segments("acme", "gsm7"));
    }

    @Test
    void sarPartsCountOneEachWhateverTheirLength() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        SubmitSm first = sar(submit("447700900005"), 0x1234, 2, 1);
        first.setShortMessage(gsm("s".repeat(153)));
        assertEquals(SmppConstants.STATUS_OK, send(acme, first));
        SubmitSm second = sar(submit("447700900005"), 0x1234, 2, 2);
        // 200 characters would be 2 segments as a whole message; as a SAR part it counts 1
        second.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, gsm("t".repeat(200))));
        assertEquals(SmppConstants.STATUS_OK, send(acme, second));

        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() == 2);
        assertEquals(2.0, segments("acme", "gsm7"));
    }

    @Test
    void aUdhRunningPastThePayloadIsRefusedInvalidEsmClassAndNeverReachesTheCarrier() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        SubmitSm bad = submit("447700900006");
        bad.setEsmClass(UDHI);
        bad.setShortMessage(new byte[] {10, 0, 3, 1, 2, 1, 'a'}); // UDHL 10, 6 octets follow
        assertEquals(SmppConstants.STATUS_INVESMCLASS, send(acme, bad));
        SubmitSm good = submit("447700900007");
        good.setShortMessage(gsm("after"));
        assertEquals(SmppConstants.STATUS_OK, send(acme, good));

        // one queue, first in first out: had the refused one been queued, it would have reached the carrier first
        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() >= 1);
        assertEquals("447700900007", carrier.submits.get(0).getDestAddress().getAddress());
        assertEquals(1, carrier.submits.size());
        assertEquals(1.0, segments("acme", "gsm7"), "only the good one counts");
        assertEquals(1.0, refused("acme", "message_form"));
    }

    @Test
    void badSarValuesAndTwoBodiesAreRefusedEachWithItsStatus() throws Exception {
        SmppSession acme = bind("acme", "acme-pw");
        SubmitSm seqPastTotal = sar(submit("447700900008"), 7, 2, 3);
        seqPastTotal.setShortMessage(gsm("x"));
        assertEquals(SmppConstants.STATUS_INVOPTPARAMVAL, send(acme, seqPastTotal));

        SubmitSm incomplete = submit("447700900008");
        incomplete.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, new byte[] {0, 7}));
        incomplete.setShortMessage(gsm("x"));
        assertEquals(SmppConstants.STATUS_MISSINGOPTPARAM, send(acme, incomplete));

        SubmitSm both = submit("447700900008");
        both.setShortMessage(gsm("x"));
        both.addOptionalParameter(new Tlv(SmppConstants.TAG_MESSAGE_PAYLOAD, gsm("y")));
        assertEquals(SmppConstants.STATUS_INVMSGLEN, send(acme, both));

        SubmitSm good = submit("447700900009");
        good.setShortMessage(gsm("fine"));
        assertEquals(SmppConstants.STATUS_OK, send(acme, good));
        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() >= 1);
        assertEquals("447700900009", carrier.submits.get(0).getDestAddress().getAddress());
        assertEquals(1, carrier.submits.size());
        assertEquals(1.0, segments("acme", "gsm7"));
        assertEquals(3.0, refused("acme", "message_form"));
    }

    @Test
    void aRefusedSubmitCountsNothing() throws Exception {
        SmppSession slow = bind("slow", "slow-pw");
        SubmitSm invalid = submit("123"); // not a number its plan makes E.164
        invalid.setShortMessage(gsm("b".repeat(200)));
        assertEquals(SmppConstants.STATUS_INVDSTADR, send(slow, invalid));

        // one submit a second with a burst of one: back to back, the core soon answers ESME_RTHROTTLED
        int accepted = 0;
        int throttled = 0;
        for (int i = 0; i < 50 && throttled == 0; i++) {
            SubmitSm sm = submit("447700900010");
            sm.setShortMessage(gsm("b".repeat(200)));
            int status = send(slow, sm);
            if (status == SmppConstants.STATUS_OK) {
                accepted++;
            } else {
                assertEquals(SmppConstants.STATUS_THROTTLED, status);
                throttled++;
            }
        }
        assertTrue(throttled > 0, "the rate limit answered ESME_RTHROTTLED");
        int sent = accepted;
        await().atMost(Duration.ofSeconds(20)).until(() -> carrier.submits.size() == sent);
        assertEquals(2.0 * accepted, segments("slow", "gsm7"), "2 segments for each accepted submit, none else");
    }

    private SmppSession bind(String systemId, String password) throws Exception {
        SmppSessionConfiguration c = new SmppSessionConfiguration(SmppBindType.TRANSMITTER, systemId, password);
        c.setHost("127.0.0.1");
        c.setPort(gateway.listeners().get("smpp").getPort());
        c.setBindTimeout(5_000);
        c.setConnectTimeout(5_000);
        return client.bind(c);
    }

    private static SubmitSm submit(String dest) {
        SubmitSm sm = new SubmitSm();
        sm.setSourceAddress(new Address((byte) 5, (byte) 0, "ACME"));
        sm.setDestAddress(new Address((byte) 1, (byte) 1, dest));
        return sm;
    }

    private static SubmitSm sar(SubmitSm sm, int ref, int total, int seq) {
        sm.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_MSG_REF_NUM, new byte[] {(byte) (ref >> 8), (byte) ref}));
        sm.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_TOTAL_SEGMENTS, new byte[] {(byte) total}));
        sm.addOptionalParameter(new Tlv(SmppConstants.TAG_SAR_SEGMENT_SEQNUM, new byte[] {(byte) seq}));
        return sm;
    }

    /** A part with an 8-bit reference concatenation header (IEI 0x00), written out by hand. */
    private static byte[] udhPart(int ref, int total, int seq, String text) {
        byte[] body = gsm(text);
        byte[] part = new byte[6 + body.length];
        byte[] header = {5, 0, 3, (byte) ref, (byte) total, (byte) seq};
        System.arraycopy(header, 0, part, 0, 6);
        System.arraycopy(body, 0, part, 6, body.length);
        return part;
    }

    private static byte[] gsm(String text) {
        return CharsetUtil.encode(text, CharsetUtil.CHARSET_GSM);
    }

    private static int send(SmppSession session, SubmitSm sm) throws Exception {
        return session.submit(sm, 10_000).getCommandStatus();
    }

    private double segments(String tenant, String encoding) {
        Counter c = gateway.meters().find("edge_tenant_segments").tag("tenant", tenant).tag("encoding", encoding)
                .counter();
        return c == null ? -1 : c.count();
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
