package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inbound calls: a carrier's trunk (SIPp or a raw socket sending from the trunk's address and port) calls a number;
 * the gateway sends it to the tenant owning the number, at the tenant's sipTarget. Tenant acme places calls from
 * 127.0.0.1 too: the carrier is told apart by its port.
 */
@Timeout(90)
class InboundCallsTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private Gateway start(int carrierPort, int acmeTargetPort, int bravoTargetPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                sip: { enabled: true, host: 127.0.0.1, port: 0, inviteTimeoutSeconds: 15 }
                tenants:
                  - { id: acme, systemId: acme, password: a, sipSources: [127.0.0.1/32], numbers: ['4420'],
                      sipTarget: { host: 127.0.0.1, port: %d } }
                  - { id: bravo, systemId: bravo, password: b, numbers: ['4421'],
                      sipTarget: { host: 127.0.0.1, port: %d, transport: udp } }
                  - { id: charlie, systemId: charlie, password: c, numbers: ['4422'] }
                carriers:
                  - { id: first, sip: { host: 127.0.0.1, port: %d } }
                routes:
                  - { prefix: '447', carriers: [first] }
                """.formatted(dir.resolve("queues").toAbsolutePath(), acmeTargetPort, bravoTargetPort, carrierPort)),
                List.of(new SipConnectorFactory()));
    }

    @Test
    void aCarriersCallReachesTheTenantOwningTheNumberAndNoOther() throws Exception {
        int carrierPort = Sipp.freeUdpPort();
        int bravoPort = Sipp.freeUdpPort();
        try (DatagramChannel acme = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Gateway gateway = start(carrierPort, ((InetSocketAddress) acme.getLocalAddress()).getPort(), bravoPort)) {
            acme.configureBlocking(false);
            Sipp bravo = Sipp.start(dir.resolve("bravo"), "bravo", bravoPort, "-sn", "uas", "-m", "3");
            Sipp carrier = Sipp.start(dir.resolve("carrier"), "carrier", carrierPort, "-sn", "uac",
                    address(gateway), "-s", "4421000001", "-m", "3", "-r", "3");
            try {
                assertEquals(0, carrier.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(carrier, bravo));
                assertEquals(0, bravo.exitCode(), () -> "bravo should see every call end:\n" + Sipp.reports(carrier, bravo));
                List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> l.size() >= 3);
                assertEquals(3, cdrs.size(), cdrs::toString);
                for (JsonNode cdr : cdrs) {
                    assertEquals("inbound", cdr.get("direction").asText(), cdr::toString);
                    assertEquals("bravo", cdr.get("tenant").asText(), cdr::toString);
                    assertEquals("first", cdr.get("carrier").asText(), cdr::toString);
                    assertEquals(200, cdr.get("finalCode").asInt(), cdr::toString);
                    assertEquals("caller", cdr.get("endedBy").asText(), cdr::toString);
                }
                assertNull(acme.receive(ByteBuffer.allocate(65536)), "acme's target should get nothing");
                await().until(() -> gateway.meters().get("edge_sip_calls_active").tag("tenant", "bravo").gauge()
                        .value() == 0.0); // the tenant's maxConcurrentCalls place is given back when the call ends
                assertEquals(3.0, inboundCalls(gateway, "bravo", "answered"));
                assertEquals(0.0, gateway.meters().get("edge_sip_calls").tag("tenant", "bravo")
                        .tag("outcome", "answered").counter().count(), "the tenant's own calls are counted apart");
            } finally {
                carrier.stop();
                bravo.stop();
            }
        }
    }

    @Test
    void anUnownedNumberIs404AndAnOwnerWithoutSipTargetIs480() throws Exception {
        try (RawSip carrier = new RawSip("127.0.0.1", Sipp.freeUdpPort());
             Gateway gateway = start(carrier.port(), Sipp.freeUdpPort(), Sipp.freeUdpPort())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            carrier.send(carrier.request("INVITE", "4499000001", proxy, RawSip.newBranch(), "in1@x"), proxy);
            assertEquals(404, carrier.finalStatus("INVITE"));
            carrier.send(carrier.request("INVITE", "+4422000001", proxy, RawSip.newBranch(), "in2@x"), proxy);
            assertEquals(480, carrier.finalStatus("INVITE"));
            List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> l.size() >= 2);
            cdrs = cdrs.stream().sorted(Comparator.comparing(c -> c.get("callId").asText())).toList();
            assertEquals(2, cdrs.size(), cdrs::toString);
            assertEquals("", cdrs.get(0).get("tenant").asText());
            assertEquals(404, cdrs.get(0).get("finalCode").asInt());
            assertEquals("charlie", cdrs.get(1).get("tenant").asText());
            assertEquals(480, cdrs.get(1).get("finalCode").asInt());
            for (JsonNode cdr : cdrs) {
                assertEquals("inbound", cdr.get("direction").asText(), cdr::toString);
                assertEquals("first", cdr.get("carrier").asText(), cdr::toString);
                assertEquals("refused", cdr.get("endedBy").asText(), cdr::toString);
            }
            assertEquals(1.0, inboundRefused(gateway, "no_owner"));
            assertEquals(1.0, inboundRefused(gateway, "no_target"));
            assertEquals(1.0, inboundCalls(gateway, "charlie", "refused"));
        }
    }

    @Test
    void aCarrierCancellingWhileTheTenantRingsCancelsTheTenantsSideAndGets487() throws Exception {
        try (RawSip carrier = new RawSip("127.0.0.1", Sipp.freeUdpPort());
             RawSip acme = new RawSip("127.0.0.1");
             Gateway gateway = start(carrier.port(), acme.port(), Sipp.freeUdpPort())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            String branch = RawSip.newBranch();
            carrier.send(carrier.request("INVITE", "+4420000001", proxy, branch, "cancel1@x"), proxy);
            RawSip.Received invite = acme.receiveStarting("INVITE ");
            assertTrue(invite.hasHeaderLine("Record-Route:"), invite.text());
            acme.send(RawSip.response(invite.text(), 180, "Ringing"), invite.from());
            carrier.receiveStarting("SIP/2.0 180");

            carrier.send(carrier.request("CANCEL", "+4420000001", proxy, branch, "cancel1@x"), proxy);
            assertEquals(200, carrier.finalStatus("CANCEL"));
            assertEquals(487, carrier.finalStatus("INVITE"));
            RawSip.Received cancel = acme.receiveStarting("CANCEL ");
            acme.send(RawSip.response(cancel.text(), 200, "OK"), cancel.from());
            acme.send(RawSip.response(invite.text(), 487, "Request Terminated"), invite.from());
            assertTrue(acme.receiveStarting("ACK ").text().contains("Call-ID: cancel1@x"));

            JsonNode cdr = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> !l.isEmpty()).get(0);
            assertEquals("inbound", cdr.get("direction").asText(), cdr::toString);
            assertEquals("acme", cdr.get("tenant").asText(), cdr::toString);
            assertEquals("first", cdr.get("carrier").asText(), cdr::toString);
            assertEquals("cancel", cdr.get("endedBy").asText(), cdr::toString);
            assertEquals(487, cdr.get("finalCode").asInt(), cdr::toString);
            assertEquals(1.0, inboundCalls(gateway, "acme", "cancelled"));
            assertEquals(0.0, gateway.meters().get("edge_sip_calls_active").tag("tenant", "acme").gauge().value());
        }
    }

    private static double inboundCalls(Gateway gateway, String tenant, String outcome) {
        return gateway.meters().get("edge_sip_inbound_calls").tag("tenant", tenant).tag("carrier", "first")
                .tag("outcome", outcome).counter().count();
    }

    private static double inboundRefused(Gateway gateway, String reason) {
        return gateway.meters().get("edge_sip_inbound_refused").tag("carrier", "first").tag("reason", reason)
                .counter().count();
    }

    private static String address(Gateway gateway) {
        InetSocketAddress a = SipGateway.sip(gateway);
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
