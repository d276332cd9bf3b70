package io.edgegw.core;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.support.CrashVictim;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesAKillNineAndIsSentAfterRestart() throws Exception {
        int count = 500;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashVictim.class.getName());
        cmd.add(dir.toString());
        cmd.add(String.valueOf(count));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> acked = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while (acked.size() < count && (line = in.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
            child.waitFor();
        }
        assertEquals(count, acked.size());

        try (Gateway g = Gateway.start(TestConfigs.oneTenantOneCarrier(dir), List.of())) {
            TestBind bind = new TestBind("telco", "telco/a#1", count);
            g.registerCarrierBind(bind);
            await().atMost(Duration.ofSeconds(20)).until(() -> bind.offered.size() >= count);
            Set<String> offered = bind.offered.stream().map(OutboundSubmit::gatewayMessageId).collect(Collectors.toSet());
            assertTrue(offered.containsAll(acked), "every acknowledged message is sent after the crash");
        }
    }
}
