package io.edgegw.core.config;

import java.util.regex.Pattern;

/** {@code usage}: metering on or off, the daily files, the Kafka topic. */
final class UsageSection {
    /** host:port, comma-separated; hosts as Kafka takes them (names, IPv4, [IPv6]). */
    private static final Pattern SERVERS = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:_]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:_]+:\\d{1,5})*");
    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    private UsageSection() {
    }

    static UsageConfig read(ConfigNode o) {
        o.only("enabled", "files", "kafka");
        UsageConfig d = UsageConfig.DEFAULTS;
        ConfigNode f = o.child("files");
        f.only("enabled", "retentionDays");
        UsageConfig.Files files = new UsageConfig.Files(f.bool("enabled", d.files().enabled()),
                f.integer("retentionDays", d.files().retentionDays(), 0, 3650));
        ConfigNode k = o.optionalChild("kafka");
        UsageConfig.Kafka kafka = null;
        if (k != null) {
            k.only("bootstrapServers", "topic", "clientId");
            String servers = k.required("bootstrapServers", 1024).replace(" ", "");
            if (!SERVERS.matcher(servers).matches()) {
                throw k.bad("bootstrapServers", "must be host:port[,host:port...] (was '" + clip(servers) + "')");
            }
            String topic = k.required("topic", 249);
            if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                throw k.bad("topic", "must be letters, digits, '.', '_', '-' (was '" + clip(topic) + "')");
            }
            String clientId = k.optionalText("clientId", 255);
            if (clientId != null && !TOPIC.matcher(clientId).matches()) {
                throw k.bad("clientId", "must be letters, digits, '.', '_', '-' (was '" + clip(clientId) + "')");
            }
            kafka = new UsageConfig.Kafka(servers, topic, clientId);
        }
        return new UsageConfig(o.bool("enabled", d.enabled()), files, kafka);
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
