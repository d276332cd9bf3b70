package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14, exports: {@code usage} turns metering on or off and says where events are exported. */
class UsageConfigTest {
    @Test
    void withoutAUsageSectionMeteringIsOnDailyFilesKept90DaysAndNoKafka() {
        UsageConfig u = ConfigLoader.parse("").usage();
        assertTrue(u.enabled());
        assertTrue(u.files().enabled());
        assertEquals(90, u.files().retentionDays());
        assertNull(u.kafka());
    }

    @Test
    void everyKeyIsRead() {
        UsageConfig u = ConfigLoader.parse("""
                usage:
                  enabled: false
                  files: { enabled: false, retentionDays: 400 }
                  kafka: { bootstrapServers: 'kafka-0:9092, kafka-1:9092', topic: billing.usage, clientId: edge-0 }
                """).usage();
        assertFalse(u.enabled());
        assertFalse(u.files().enabled());
        assertEquals(400, u.files().retentionDays());
        assertEquals(new UsageConfig.Kafka("kafka-0:9092,kafka-1:9092", "billing.usage", "edge-0"), u.kafka());
        assertNull(ConfigLoader.parse("usage: {kafka: {bootstrapServers: 'k:9092', topic: t}}").usage().kafka()
                .clientId());
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        refused("usage: {enabled: maybe}", "usage.enabled");
        refused("usage: {files: {retentionDays: -1}}", "usage.files.retentionDays");
        refused("usage: {files: {retentionDays: 4000}}", "usage.files.retentionDays");
        refused("usage: {kafka: {topic: t}}", "usage.kafka.bootstrapServers");
        refused("usage: {kafka: {bootstrapServers: 'k:9092'}}", "usage.kafka.topic");
        refused("usage: {kafka: {bootstrapServers: 'no-port', topic: t}}", "usage.kafka.bootstrapServers");
        refused("usage: {kafka: {bootstrapServers: 'k:9092', topic: 'a topic'}}", "usage.kafka.topic");
        refused("usage: {kafka: {bootstrapServers: 'k:9092', topic: t, clientId: 'x/y'}}", "usage.kafka.clientId");
        refused("usage: {kafka: {bootstrapServers: 'k:9092', topic: t, acks: 1}}", "usage.kafka.acks");
        refused("usage: {files: {dir: /tmp}}", "usage.files.dir");
    }

    private static void refused(String yaml, String field) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml), yaml);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }
}
