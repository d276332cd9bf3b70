package io.edgegw.core;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole gateway with one-second queue files, so files roll while the test runs (about three seconds). */
class QueueRetentionFlowTest {
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start() {
        gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir, "TEST_SECONDLY"), List.of());
        return gateway;
    }

    private static List<String> cycleFiles(Path queueDir) throws IOException {
        try (Stream<Path> s = Files.list(queueDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    private double gauge(String name) {
        return gateway.meters().get(name).tag("tenant", "acme").gauge().value();
    }

    @Test
    void onceTheCarrierAnsweredAllOnlyTheNewestInboundFileStaysAndARestartSendsNothingAgain() throws IOException {
        start();
        Path inbound = dir.resolve("tenants/acme/inbound");
        TestBind bind = new TestBind("telco", "telco/a#1", 100);
        gateway.registerCarrierBind(bind);
        TestAck ack = new TestAck();
        int seq = 0;
        for (int round = 0; round < 3; round++) {
            long second = System.currentTimeMillis() / 1000;
            for (int i = 0; i < 2; i++) {
                seq++;
                assertEquals(SubmitIngress.TAKEN,
                        gateway.ingress().submit("acme", TestConfigs.sms("4477009000" + seq, false), ack, seq));
            }
            int acknowledged = seq;
            await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.size() == acknowledged);
            // the next round goes into the next one-second file
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() / 1000 > second);
        }
        assertTrue(cycleFiles(inbound).size() >= 2, cycleFiles(inbound).toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.offered.size() == 6);
        String newest = cycleFiles(inbound).get(cycleFiles(inbound).size() - 1);

        int carrierId = 0;
        for (OutboundSubmit s : bind.offered) {
            gateway.carrierListener().submitResponded(bind, s, SmppStatus.ESME_ROK, "c" + carrierId++);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(newest), cycleFiles(inbound)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(
                (double) Files.size(inbound.resolve(newest)), gauge("edge_tenant_inbound_disk_bytes")));
        assertTrue(gateway.meters().get("edge_queue_files_deleted").functionCounter().count() >= 1);
        assertEquals(0.0, gauge("edge_tenant_inbound_depth"));
        gateway.close();

        start();
        TestBind again = new TestBind("telco", "telco/a#1", 100);
        gateway.registerCarrierBind(again);
        TestAck ack2 = new TestAck();
        assertEquals(SubmitIngress.TAKEN,
                gateway.ingress().submit("acme", TestConfigs.sms("447700900099", false), ack2, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> again.offered.size() == 1);
        assertEquals(ack2.answers.get(1), again.offered.get(0).gatewayMessageId(),
                "only the new message is sent: the finished ones were not read again");
    }
}
