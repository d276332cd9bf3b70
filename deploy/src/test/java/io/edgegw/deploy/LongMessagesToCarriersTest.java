package io.edgegw.deploy;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long messages toward carriers, between independent peers (Cloudhopper as tenant ESME and as carrier SMSC): the
 * parts of a concatenated message reach the carrier as the tenant sent them (issue 14).
 */
class LongMessagesToCarriersTest {
    @TempDir
    Path storage;

    @Test
    void sarPartsReachTheCarrierWithTheSarValuesTheTenantSent() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = GatewayFixture.start(storage, port);
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            for (int seq = 1; seq <= 3; seq++) {
                assertEquals(SmppConstants.STATUS_OK,
                        tenant.submitSarPart("447700900123", "part " + seq, 0xBEEF, 3, seq).getCommandStatus());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.submits.size() >= 3);
            List<SubmitSm> parts = carrier.submits.stream()
                    .sorted((a, b) -> Integer.compare(octet(a, SmppConstants.TAG_SAR_SEGMENT_SEQNUM),
                            octet(b, SmppConstants.TAG_SAR_SEGMENT_SEQNUM)))
                    .toList();
            assertEquals(3, parts.size());
            for (int i = 0; i < 3; i++) {
                SubmitSm part = parts.get(i);
                assertEquals(0xBEEF, sarReference(part), "sar_msg_ref_num as sent");
                assertEquals(3, octet(part, SmppConstants.TAG_SAR_TOTAL_SEGMENTS), "sar_total_segments as sent");
                assertEquals(i + 1, octet(part, SmppConstants.TAG_SAR_SEGMENT_SEQNUM), "sar_segment_seqnum as sent");
                assertEquals("part " + (i + 1), new String(part.getShortMessage()));
            }
        }
    }

    @Test
    void everyPartOfALongMessageGoesToOneCarrierAndOneBindInOrder() throws Exception {
        int portA = freePort();
        int portB = freePort();
        try (CloudhopperCarrier a = new CloudhopperCarrier(portA);
             CloudhopperCarrier b = new CloudhopperCarrier(portB);
             Gateway gateway = Gateway.start(equalCarriers(portA, portB));
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme",
                     SmppBindType.TRANSCEIVER)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.sessions.size() == 2 && b.sessions.size() == 2);
            int messages = 61; // odd, so taking binds in turn cannot keep parts together by chance
            int total = 3;
            // the parts of different messages interleaved, as a tenant sending several long messages at once would
            for (int seq = 1; seq <= total; seq++) {
                for (int i = 0; i < messages; i++) {
                    String destination = "44770090000" + i % 5; // messages to one number told apart by reference
                    String text = "message " + i + " part " + seq;
                    int status = switch (i % 3) {
                        case 0 -> tenant.submitSarPart(destination, text, 1000 + i, total, seq).getCommandStatus();
                        case 1 -> tenant.submitUdhPart(destination, text, false, i, total, seq).getCommandStatus();
                        default -> tenant.submitUdhPart(destination, text, true, 40_000 + i, total, seq)
                                .getCommandStatus();
                    };
                    assertEquals(SmppConstants.STATUS_OK, status);
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> a.received.size() + b.received.size() >= messages * total);
            Map<String, List<Arrival>> byMessage = new HashMap<>();
            for (CloudhopperCarrier carrier : List.of(a, b)) {
                for (CloudhopperCarrier.Received r : carrier.received) {
                    Arrival arrival = Arrival.of(carrier == a ? "telco-a" : "telco-b", r);
                    byMessage.computeIfAbsent(arrival.message(), k -> new ArrayList<>()).add(arrival);
                }
            }
            assertEquals(messages, byMessage.size(), "every message arrived, told apart by reference");
            Set<String> carriersUsed = new HashSet<>();
            Set<Object> bindsUsed = new HashSet<>();
            for (Map.Entry<String, List<Arrival>> e : byMessage.entrySet()) {
                List<Arrival> parts = e.getValue();
                assertEquals(total, parts.size(), e.getKey() + ": each part once");
                assertEquals(1, parts.stream().map(Arrival::carrier).distinct().count(),
                        e.getKey() + ": every part on one carrier, was " + parts);
                assertEquals(1, parts.stream().map(Arrival::session).distinct().count(),
                        e.getKey() + ": every part on one bind, was " + parts);
                assertEquals(List.of(1, 2, 3), parts.stream().map(Arrival::seq).toList(),
                        e.getKey() + ": parts arrive in the order submitted");
                carriersUsed.add(parts.get(0).carrier());
                bindsUsed.add(parts.get(0).session());
            }
            assertEquals(2, carriersUsed.size(), "long messages still spread over the equal carriers");
            assertTrue(bindsUsed.size() > 2, "and over their binds: " + bindsUsed.size());
        }
    }

    @Test
    void aLongPayloadGoesToAUdhCarrierInTwoPartsAndTheTenantGetsOneReceipt() throws Exception {
        int port = freePort();
        String text = "The quick brown fox jumps over the lazy dog 0123456789. ".repeat(6).substring(0, 300);
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = Gateway.start(oneCarrier(port, "udh"));
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme",
                     SmppBindType.TRANSCEIVER)) {
            SubmitSmResp resp = tenant.submitPayload("447700900123", text,
                    SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
            String id = resp.getMessageId();
            assertEquals(2.0, gateway.meters().get("edge_tenant_segments").tag("tenant", "acme")
                    .tag("encoding", "gsm7").counter().count(), "edge_tenant_segments_total counts 2");

            // a short message after it: once the carrier has it, the long one's parts are all in
            SubmitSmResp marker = tenant.submit("447700900123", "marker");
            assertEquals(SmppConstants.STATUS_OK, marker.getCommandStatus());
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.offered("marker") == 1);
            List<CloudhopperCarrier.Received> parts = carrier.received.stream()
                    .filter(r -> !"marker".equals(new String(r.submit().getShortMessage()))).toList();
            assertEquals(2, parts.size(), "exactly two submit_sm for the long message");
            byte[] first = parts.get(0).submit().getShortMessage();
            byte[] second = parts.get(1).submit().getShortMessage();
            for (int i = 0; i < 2; i++) {
                SubmitSm part = parts.get(i).submit();
                byte[] ud = part.getShortMessage();
                assertTrue((part.getEsmClass() & SmppConstants.ESM_CLASS_UDHI_MASK) != 0, "UDHI set");
                assertArrayEquals(new byte[] {5, 0, 3, first[3], 2, (byte) (i + 1)}, Arrays.copyOf(ud, 6),
                        "UDH 05 00 03 ref 02 0" + (i + 1) + ", one reference");
                assertNull(part.getOptionalParameter(SmppConstants.TAG_MESSAGE_PAYLOAD), "no message_payload");
            }
            assertEquals(6 + 153, first.length, "153 septets in the first part");
            assertEquals(6 + 147, second.length, "147 in the second");
            String joined = CharsetUtil.decode(Arrays.copyOfRange(first, 6, first.length), CharsetUtil.CHARSET_GSM)
                    + CharsetUtil.decode(Arrays.copyOfRange(second, 6, second.length), CharsetUtil.CHARSET_GSM);
            assertEquals(text, joined, "the parts join to the text");

            // the carrier receipts each part; the tenant gets one receipt, for the id it was given
            assertEquals(0, carrier.sendReceipt(parts.get(0).messageId()));
            assertEquals(0, carrier.sendReceipt(parts.get(1).messageId()));
            String markerId = carrier.idOf("marker");
            assertEquals(0, carrier.sendReceipt(markerId));
            // receipts reach the tenant in the order the carrier sent them: the marker's means all are in
            await().atMost(Duration.ofSeconds(30)).until(() -> tenant.receipts().stream()
                    .anyMatch(r -> marker.getMessageId().equals(r.receiptedMessageId())));
            List<String> receipted = tenant.receipts().stream().map(CloudhopperTenant.Receipt::receiptedMessageId)
                    .toList();
            assertEquals(2, receipted.size(), "one receipt for the long message, one for the marker: " + receipted);
            assertEquals(1, receipted.stream().filter(id::equals).count(), "exactly one for " + id);
            assertTrue(tenant.receipts().stream().filter(r -> id.equals(r.receiptedMessageId()))
                    .allMatch(r -> r.text().contains("stat:DELIVRD") && r.text().startsWith("id:" + id)));
        }
    }

    @Test
    void aLongPayloadGoesToASarCarrierInPartsCarryingTheSarValues() throws Exception {
        int port = freePort();
        String text = "0123456789".repeat(30);
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = Gateway.start(oneCarrier(port, "sar"));
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme",
                     SmppBindType.TRANSCEIVER)) {
            assertEquals(SmppConstants.STATUS_OK, tenant.submitPayload("447700900123", text).getCommandStatus());
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.received.size() >= 2);
            List<SubmitSm> parts = carrier.received.stream().map(CloudhopperCarrier.Received::submit).toList();
            assertEquals(2, parts.size());
            for (int i = 0; i < 2; i++) {
                SubmitSm part = parts.get(i);
                assertEquals(sarReference(parts.get(0)), sarReference(part), "one reference");
                assertEquals(2, octet(part, SmppConstants.TAG_SAR_TOTAL_SEGMENTS));
                assertEquals(i + 1, octet(part, SmppConstants.TAG_SAR_SEGMENT_SEQNUM));
                assertEquals(0, part.getEsmClass() & SmppConstants.ESM_CLASS_UDHI_MASK, "no UDH");
            }
            assertEquals(text.substring(0, 153), new String(parts.get(0).getShortMessage()), "cut as 8-bit UDH parts");
            assertEquals(text.substring(153), new String(parts.get(1).getShortMessage()));
        }
    }

    @Test
    void aPartLeftUnansweredSendsTheWholeMessageAgainAndTheTenantStillGetsOneReceipt() throws Exception {
        int port = freePort();
        String text = "a".repeat(153) + "b".repeat(100);
        AtomicBoolean silentOnce = new AtomicBoolean(true);
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port,
                t -> t.endsWith("b".repeat(100)) && silentOnce.getAndSet(false));
             Gateway gateway = Gateway.start(oneCarrier(port, "udh", 500));
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme",
                     SmppBindType.TRANSCEIVER)) {
            SubmitSmResp resp = tenant.submitPayload("447700900123", text,
                    SmppConstants.REGISTERED_DELIVERY_SMSC_RECEIPT_REQUESTED);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
            // part 2 gets no answer: after the response timeout both parts go again, under a new reference
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.received.stream()
                    .filter(r -> r.messageId() != null).count() == 3);
            List<CloudhopperCarrier.Received> all = carrier.received;
            assertEquals(4, all.size(), "two parts, then both again: " + all.size());
            byte[] again1 = all.get(2).submit().getShortMessage();
            byte[] again2 = all.get(3).submit().getShortMessage();
            assertEquals(again1[3], again2[3], "one reference for the second send");
            assertEquals(1, again1[5]);
            assertEquals(2, again2[5]);

            assertEquals(0, carrier.sendReceipt(all.get(2).messageId()));
            assertEquals(0, carrier.sendReceipt(all.get(3).messageId()));
            SubmitSmResp marker = tenant.submit("447700900123", "marker");
            await().atMost(Duration.ofSeconds(30)).until(() -> carrier.idOf("marker") != null);
            assertEquals(0, carrier.sendReceipt(carrier.idOf("marker")));
            await().atMost(Duration.ofSeconds(30)).until(() -> tenant.receipts().stream()
                    .anyMatch(r -> marker.getMessageId().equals(r.receiptedMessageId())));
            assertEquals(1, tenant.receipts().stream().filter(r -> resp.getMessageId().equals(r.receiptedMessageId()))
                    .count(), "one receipt for the message");
        }
    }

    /** Tenant acme (password acme), one carrier taking long messages as {@code longMessages} says. */
    private GatewayConfig oneCarrier(int port, String longMessages) {
        return oneCarrier(port, longMessages, 10_000);
    }

    private GatewayConfig oneCarrier(int port, String longMessages, int responseTimeoutMillis) {
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                carriers:
                  - { id: telco, systemId: edge, password: edge, window: 50, longMessages: %s,
                      responseTimeoutMillis: %d, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.toAbsolutePath(), longMessages, responseTimeoutMillis, port));
    }

    /** One part as a carrier received it: which message (destination, kind and reference) and which position. */
    private record Arrival(String carrier, Object session, String message, int seq) {
        static Arrival of(String carrier, CloudhopperCarrier.Received r) {
            SubmitSm submit = r.submit();
            String to = submit.getDestAddress().getAddress();
            if (submit.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM) != null) {
                try {
                    return new Arrival(carrier, r.session(), to + "/sar/" + sarReference(submit),
                            octet(submit, SmppConstants.TAG_SAR_SEGMENT_SEQNUM));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            byte[] ud = submit.getShortMessage();
            assertTrue((submit.getEsmClass() & SmppConstants.ESM_CLASS_UDHI_MASK) != 0, "a UDH part");
            boolean wide = ud[1] == 8;
            int reference = wide ? (ud[3] & 0xFF) << 8 | ud[4] & 0xFF : ud[3] & 0xFF;
            return new Arrival(carrier, r.session(), to + (wide ? "/udh16/" : "/udh8/") + reference,
                    ud[wide ? 6 : 5] & 0xFF);
        }
    }

    /** Tenant acme (password acme); telco-a and telco-b of equal priority and cost, two binds each. */
    private GatewayConfig equalCarriers(int portA, int portB) {
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme, window: 50 }
                carriers:
                  - { id: telco-a, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                  - { id: telco-b, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [{ id: telco-a, priority: 1 }, { id: telco-b, priority: 1 }] }
                """.formatted(storage.toAbsolutePath(), portA, portB));
    }

    static int freePort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            return reserve.getLocalPort();
        }
    }

    static int sarReference(SubmitSm submit) throws Exception {
        Tlv tlv = submit.getOptionalParameter(SmppConstants.TAG_SAR_MSG_REF_NUM);
        assertNotNull(tlv, "sar_msg_ref_num present");
        return tlv.getValueAsUnsignedShort();
    }

    static int octet(SubmitSm submit, short tag) {
        Tlv tlv = submit.getOptionalParameter(tag);
        assertNotNull(tlv, "TLV 0x" + Integer.toHexString(tag) + " present");
        try {
            return tlv.getValueAsUnsignedByte();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
