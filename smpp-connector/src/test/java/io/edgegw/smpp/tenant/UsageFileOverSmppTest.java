package io.edgegw.smpp.tenant;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.smpp.carrier.TestSmsc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, daily usage files end to end: a tenant (Cloudhopper) submits over SMPP, and each submit_sm_resp's message
 * id is one line of the usage file of its day with the tenant, the destination and the segments. Real gateway on loopback.
 */
class UsageFileOverSmppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void eachAcknowledgedSubmitIsOneLineOfTheUsageFileOfItsDay() throws Exception {
        int port = freePort();
        carrier = new TestSmsc(port);
        gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                usage: { files: { retentionDays: 30 } }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                carriers:
                  - { id: uk, systemId: gw, password: pw, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [uk] }
                """.formatted(storage.toAbsolutePath(), port)));
        SmppSession s = bind();
        Map<String, String> destinationById = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            SubmitSm sm = new SubmitSm();
            sm.setSourceAddress(new Address((byte) 1, (byte) 1, "12345"));
            String dest = "44770090000" + i;
            sm.setDestAddress(new Address((byte) 1, (byte) 1, dest));
            sm.setShortMessage(new byte[i == 0 ? 161 : 20]); // 161 GSM characters: 2 segments
            java.util.Arrays.fill(sm.getShortMessage(), (byte) 'a');
            SubmitSmResp resp = s.submit(sm, 10_000);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
            destinationById.put(resp.getMessageId(), dest);
        }
        Path today = storage.resolve("usage-files").resolve("usage-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl");
        List<JsonNode> lines = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            lines.clear();
            try (var days = Files.newDirectoryStream(today.getParent(), "usage-*.jsonl")) {
                for (Path day : days) { // today's, or yesterday's too if midnight passed during the test
                    for (String l : Files.readAllLines(day)) {
                        JsonNode n = JSON.readTree(l);
                        if ("accepted".equals(n.get("kind").asText())) { // not the carrier's acceptances (routed)
                            lines.add(n);
                        }
                    }
                }
            }
            return lines.size() >= 5;
        });
        assertEquals(5, lines.size());
        Map<String, String> found = new HashMap<>();
        for (JsonNode l : lines) {
            assertEquals("acme", l.get("tenant").asText());
            found.put(l.get("gatewayId").asText(), l.get("destination").asText());
            assertEquals(l.get("destination").asText().endsWith("0") ? 2 : 1, l.get("segments").asInt(), l.toString());
        }
        assertEquals(destinationById, found, "the message ids the tenant got, each with its destination");
    }

    private SmppSession bind() throws Exception {
        SmppSessionConfiguration cfg = new SmppSessionConfiguration();
        cfg.setType(SmppBindType.TRANSCEIVER);
        cfg.setHost("127.0.0.1");
        cfg.setPort(gateway.listeners().get("smpp").getPort());
        cfg.setSystemId("acme");
        cfg.setPassword("acme-pw");
        cfg.setBindTimeout(10_000);
        return client.bind(cfg);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
