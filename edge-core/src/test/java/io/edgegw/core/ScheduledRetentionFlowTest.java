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

/**
 * The whole gateway with one-second queue files and only scheduled traffic: housekeeping keeps the scheduled file of a
 * message still waiting (and every later one), and deletes the inbound files of the copies once sent, though the
 * usage reader makes no event of a copy.
 */
class ScheduledRetentionFlowTest {
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private static List<String> cycleFiles(Path queueDir) throws IOException {
        if (!Files.isDirectory(queueDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(queueDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    private double gauge(String name) {
        return gateway.meters().get(name).tag("tenant", "acme").gauge().value();
    }

    @Test
    void aWaitingMessageKeepsItsScheduledFileAndSentCopiesLeaveOnlyTheNewestInboundFile() throws IOException {
        gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir, "TEST_SECONDLY"), List.of());
        Path inbound = dir.resolve("tenants/acme/inbound");
        Path scheduled = dir.resolve("tenants/acme/scheduled");
        TestBind bind = new TestBind("telco", "telco/a#1", 100);
        gateway.registerCarrierBind(bind);
        TestAck ack = new TestAck();
        assertEquals(SubmitIngress.TAKEN, gateway.ingress().submit("acme", TestConfigs.sms("447700900000", false), 0,
                System.currentTimeMillis() + 3_600_000, ack, 0));
        int seq = 0;
        for (int round = 0; round < 3; round++) {
            long second = System.currentTimeMillis() / 1000;
            for (int i = 0; i < 2; i++) {
                seq++;
                assertEquals(SubmitIngress.TAKEN, gateway.ingress().submit("acme",
                        TestConfigs.sms("4477009000" + seq, false), 0, System.currentTimeMillis() + 300, ack, seq));
            }
            int acknowledged = seq + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.size() == acknowledged);
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() / 1000 > second);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.offered.size() == 6);
        String firstScheduled = cycleFiles(scheduled).get(0);
        int carrierId = 0;
        for (OutboundSubmit s : bind.offered) {
            gateway.carrierListener().submitResponded(bind, s, SmppStatus.ESME_ROK, "c" + carrierId++);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> cycleFiles(inbound).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("edge_tenant_inbound_depth") == 0);
        assertTrue(cycleFiles(scheduled).contains(firstScheduled), "the waiting message's file stays: "
                + cycleFiles(scheduled));
        assertEquals(1.0, gauge("edge_tenant_scheduled_depth"), "the message due in an hour still waits");
        gateway.close();

        gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir, "TEST_SECONDLY"), List.of());
        TestBind again = new TestBind("telco", "telco/a#1", 100);
        gateway.registerCarrierBind(again);
        // read before the dispatcher's first round, whenever that comes: the six moved ones are not counted
        assertEquals(1.0, gauge("edge_tenant_scheduled_depth"), "still waiting after a restart");
        // a graceful stop waited for the copies, so none is moved again. The mover's first round runs before the
        // dispatcher offers anything, and what it hands the journal is appended ahead of a submit made after that:
        // once a second plain submit is offered, any copy moved again would have been offered before it.
        for (int n = 1; n <= 2; n++) {
            int offered = n;
            assertEquals(SubmitIngress.TAKEN, gateway.ingress().submit("acme",
                    TestConfigs.sms("44770090010" + n, false), ack, 100 + n));
            await().atMost(Duration.ofSeconds(10)).until(() -> again.offered.size() >= offered);
        }
        assertEquals(List.of("447700900101", "447700900102"),
                again.offered.stream().map(s -> s.message().destAddr()).toList(), "nothing moved again");
        assertEquals(1.0, gauge("edge_tenant_scheduled_depth"), "the one due in an hour still waits");
    }
}
