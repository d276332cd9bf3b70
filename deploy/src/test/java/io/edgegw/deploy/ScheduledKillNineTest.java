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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled messages acknowledged by a gateway process killed with SIGKILL while they wait in its scheduled queue:
 * the gateway started again on the same directory sends each of them to the carrier, none before its due time.
 */
class ScheduledKillNineTest {
    private static final Pattern LISTENING = Pattern.compile("^(smpp|admin) listening on [^:]+:(\\d+)$");
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
            Process gateway = spawn(config);
            try {
                Map<String, Integer> ports = listeners(gateway);
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

    private static Process spawn(Path config) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EdgeCommand.class.getName());
        cmd.addAll(List.of("up", "--config", config.toString()));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Where smpp and admin listen, as the launcher says; its output is read to the end on a thread of its own. */
    private static Map<String, Integer> listeners(Process gateway) {
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line.trim());
                    if (m.matches()) {
                        ports.put(m.group(1), Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException ended) {
                // the process was killed
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> ports.size() == 2 || !gateway.isAlive());
        if (ports.size() < 2) {
            throw new IllegalStateException("the gateway process ended before listening: " + ports);
        }
        return ports;
    }
}
