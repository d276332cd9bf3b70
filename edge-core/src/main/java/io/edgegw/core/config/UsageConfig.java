package io.edgegw.core.config;

/**
 * {@code usage}: whether usage is metered at all, and where its events are exported.
 *
 * @param enabled false: no usage journal and no {@code edge-usage} thread (nothing metered, rated or exported;
 *                {@code /api/usage} answers that metering is off); for measuring throughput with and without it
 * @param files   daily JSON-lines files under {@code <storage.dir>/usage-files}
 * @param kafka   a Kafka topic every event is published to; null for none
 */
public record UsageConfig(boolean enabled, Files files, Kafka kafka) {
    public static final int DEFAULT_RETENTION_DAYS = 90;
    /** What every key left out of {@code usage} takes: metering on, daily files kept 90 days, no Kafka. */
    public static final UsageConfig DEFAULTS = new UsageConfig(true, new Files(true, DEFAULT_RETENTION_DAYS), null);

    public UsageConfig {
        files = files == null ? DEFAULTS.files() : files;
    }

    /**
     * {@code usage.files}.
     *
     * @param enabled       whether the daily files are written
     * @param retentionDays day files dated more than this many days before today (UTC) are deleted; 0 keeps all
     */
    public record Files(boolean enabled, int retentionDays) {
    }

    /**
     * {@code usage.kafka}: the producer always asks {@code acks=all} with idempotence on.
     *
     * @param bootstrapServers {@code host:port[,host:port...]}, as Kafka's {@code bootstrap.servers}
     * @param topic            where each event goes, keyed by its event id
     * @param clientId         Kafka's {@code client.id}; null lets the client choose
     */
    public record Kafka(String bootstrapServers, String topic, String clientId) {
    }

    /** Metering off: no journal, no exports. */
    public UsageConfig disabled() {
        return new UsageConfig(false, files, kafka);
    }

    public UsageConfig withFiles(Files f) {
        return new UsageConfig(enabled, f, kafka);
    }

    public UsageConfig withKafka(Kafka k) {
        return new UsageConfig(enabled, files, k);
    }
}
