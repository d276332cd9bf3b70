package io.edgegw.core.usage.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.UsageConfig;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.support.KafkaBroker;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.UsageSupport;
import io.edgegw.core.usage.UsageRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, Kafka export: every usage event reaches the topic, keyed by its event id, even when the broker stops in the
 * middle of a run and comes back; meanwhile the gateway keeps acknowledging and only the export's lag grows. A real
 * broker (Apache Kafka, KRaft, one node in a child JVM) and the real gateway (no carrier).
 */
class UsageKafkaTest {
    private static final String TOPIC = "edge-usage";

    @TempDir
    Path dir;
    private KafkaBroker broker;
    private Gateway gateway;
    private KafkaConsumer<String, String> consumer;
    /** Every record consumed, by key: its values (more than one if the event was published again). */
    private final Map<String, List<String>> consumed = new ConcurrentHashMap<>();
    private int seq;

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.close(Duration.ZERO);
        }
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void everyEventReachesTheTopicKeyedByItsIdAcrossABrokerStopAndStart() throws Exception {
        broker = KafkaBroker.format(dir.resolve("kafka"));
        broker.start(TOPIC);
        Path storage = dir.resolve("gateway");
        GatewayConfig config = UsageSupport.config(storage);
        config = config.withUsage(config.usage().withKafka(new UsageConfig.Kafka(broker.bootstrapServers(), TOPIC,
                "edge-test")));
        gateway = Gateway.start(config, List.of());
        Map<String, String> destinationById = new HashMap<>();

        submit(200, destinationById);
        await().atMost(KafkaBroker.PATIENCE).until(() -> exported() >= 200);

        broker.stop();
        // the broker is down: the gateway still acknowledges at once; only the export falls behind
        submit(300, destinationById);
        await().atMost(KafkaBroker.PATIENCE).until(() -> lag() > 0);
        assertTrue(exported() < 500, "nothing can be acknowledged by a broker that is down: " + exported());

        broker.start(TOPIC);
        submit(100, destinationById);
        await().atMost(KafkaBroker.PATIENCE).until(() -> exported() >= 600 && lag() == 0);
        gateway.close();
        gateway = null;

        Map<String, UsageRecord> journal = ExportedEvents.journal(storage);
        assertEquals(600, journal.size());
        consumeUntil(journal.keySet());
        assertEquals(journal.keySet(), consumed.keySet(), "every event once at least, nothing else");
        for (Map.Entry<String, List<String>> e : consumed.entrySet()) {
            for (String value : e.getValue()) {
                JsonNode line = ExportedEvents.JSON.readTree(value);
                assertEquals(e.getKey(), line.get("id").asText(), "key = event id");
                UsageRecord r = journal.get(e.getKey());
                String gatewayId = MessageIds.render(r.gatewayId());
                assertEquals(gatewayId, line.get("gatewayId").asText(), "a repeat is the same event");
                assertEquals(destinationById.get(gatewayId), line.get("destination").asText());
                assertEquals(r.segments(), line.get("segments").asInt());
            }
        }
        assertEquals(destinationById.keySet(), journal.values().stream().map(r -> MessageIds.render(r.gatewayId()))
                .collect(java.util.stream.Collectors.toSet()), "every acknowledged message is an event");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void withNoBrokerAtAllTheGatewayStartsAcknowledgesAndStopsWhileTheExportRetries() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once it is closed
        }
        GatewayConfig config = UsageSupport.config(dir);
        config = config.withUsage(config.usage().withKafka(new UsageConfig.Kafka("127.0.0.1:" + closed, TOPIC, null)));
        gateway = Gateway.start(config, List.of());
        Map<String, String> destinationById = new HashMap<>();
        submit(50, destinationById);
        assertEquals(50, destinationById.size(), "acknowledged without a broker");
        // the lag counts usage journal documents, each of 1 to 64 events: the 50 events are in 1 to 50 of them
        await().atMost(KafkaBroker.PATIENCE).until(() -> lag() >= 1 && gateway.meters()
                .get("edge_usage_export_failures").tag("sink", "kafka").functionCounter().count() >= 1);
        assertEquals(0.0, exported());
        await().atMost(KafkaBroker.PATIENCE).until(() -> gateway.meters().get("edge_usage_exported")
                .tag("sink", "files").functionCounter().count() == 50); // the other export goes on
        gateway.close(); // returns (the test's timeout bounds it) although the export never reached a broker
        gateway = null;
    }

    private void submit(int n, Map<String, String> destinationById) {
        TestAck ack = new TestAck();
        int from = seq;
        for (int i = 0; i < n; i++) {
            int s = seq++;
            String dest = "4477009" + (10000 + s);
            assertEquals(SubmitIngress.TAKEN, gateway.ingress().submit("acme", UsageSupport.gsm(dest,
                    s % 3 == 0 ? 300 : 20), ack, s));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ack.answers.size() == n);
        IntStream.range(from, seq).forEach(s -> {
            String id = ack.answers.get(s);
            assertTrue(id != null && !id.startsWith("!"), "acknowledged: " + id);
            destinationById.put(id, "4477009" + (10000 + s));
        });
    }

    private double exported() {
        return gateway.meters().get("edge_usage_exported").tag("sink", "kafka").functionCounter().count();
    }

    private double lag() {
        return gateway.meters().get("edge_usage_export_lag_records").tag("sink", "kafka").gauge().value();
    }

    /** Reads the whole topic from its start until every id in {@code want} was seen. */
    private void consumeUntil(Set<String> want) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        await().atMost(KafkaBroker.PATIENCE).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                consumed.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>()).add(r.value());
            }
            return consumed.keySet().containsAll(want);
        });
        // and whatever else is there, so that "nothing else" is checked against the whole topic
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        await().atMost(KafkaBroker.PATIENCE).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                consumed.computeIfAbsent(r.key(), k -> new java.util.ArrayList<>()).add(r.value());
            }
            return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        });
    }
}
