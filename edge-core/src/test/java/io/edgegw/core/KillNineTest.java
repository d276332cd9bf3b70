package io.edgegw.core;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.support.ChildGateway;
import io.edgegw.core.support.CrashVictim;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
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
        Set<String> acked = ChildGateway.runAndKill(CrashVictim.class, count, dir.toString(), String.valueOf(count));
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
