package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.simulator.smsc.SubmitObserver;
import io.edgegw.simulator.wire.MessageFields;
import org.jsmpp.util.AbsoluteTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Calendar;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled messages acknowledged by a gateway process killed with SIGKILL while they wait in its scheduled queue:
 * the gateway started again on the same directory sends each of them to the carrier, none before its due time.
 */
class ScheduledKillNineTest {
    private static final int MESSAGES = 50;

    @TempDir
    Path dir;

    /** When the carrier first read each submit_sm (epoch ms), by text. */
    private static final class Carrier implements SubmitObserver {
        final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

        @Override
        public void received(byte[] shortMessage, MessageFields fields) {
            receivedAt.putIfAbsent(new String(shortMessage, StandardCharsets.ISO_8859_1), System.currentTimeMillis());
        }

        @Override
        public void accepted(byte[] shortMessage, String messageId) {
        }
    }

    @Test
    @Timeout(180)
    void scheduledMessagesWaitingAtAKillNineEachReachTheCarrierAfterTheirDueTime() throws Exception {
        Carrier carrier = new Carrier();
        try (SimulatedSmsc smsc = SimulatedSmsc.start(
                SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"), carrier)) {
            Path config = writeConfig(smsc.port());
            long[] due = new long[MESSAGES];
            Process gateway = LaunchedGateway.spawn(config);
            try {
                Map<String, Integer> ports = LaunchedGateway.listeners(gateway);
                try (CloudhopperTenant acme = new CloudhopperTenant(ports.get("smpp"), "acme", "acme-pw",
                        SmppBindType.TRANSMITTER)) {
                    long base = (System.currentTimeMillis() + 4_000) / 100 * 100;
                    for (int i = 0; i < MESSAGES; i++) {
                        due[i] = base + (i % 10) * 100L; // ten due times, a tenth of a second apart
                        SubmitSmResp resp = acme.submit("447700900001", "s" + i, (byte) 0, null, absolute(due[i]));
                        assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
                    }
                    acme.submit("447700900001", "plain", (byte) 0);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> carrier.receivedAt.containsKey("plain"));
            } finally {
                gateway.destroyForcibly(); // SIGKILL, most likely before the first is due
                gateway.waitFor();
            }
            assertEquals(137, gateway.exitValue(), "killed by SIGKILL");

            try (Gateway again = Gateway.start(ConfigLoader.load(config))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> carrier.receivedAt.size() == MESSAGES + 1);
                for (int i = 0; i < MESSAGES; i++) {
                    long at = carrier.receivedAt.get("s" + i);
                    assertTrue(at >= due[i], "s" + i + " reached the carrier " + (due[i] - at) + " ms before due");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> again.meters().get("edge_tenant_scheduled_depth")
                        .tag("tenant", "acme").gauge().value() == 0);
            }
        }
    }

    private static String absolute(long millis) {
        Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        c.setTimeInMillis(millis);
        return new AbsoluteTimeFormatter().format(c);
    }

    private Path writeConfig(int carrierPort) throws IOException {
        Path config = dir.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                carriers:
                  - { id: telco, systemId: edge, password: edge, window: 50, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(dir.resolve("queues").toAbsolutePath(), carrierPort));
        return config;
    }
}
