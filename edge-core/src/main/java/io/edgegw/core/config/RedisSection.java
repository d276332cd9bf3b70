package io.edgegw.core.config;

import java.util.regex.Pattern;

/** {@code cluster.redis}: where instances share receipt correlations; null when absent (no Redis needed). */
final class RedisSection {
    private static final Pattern URI = Pattern.compile("rediss?://([^@/\\s]*@)?[A-Za-z0-9.\\-\\[\\]:_]+:\\d{1,5}(/\\d{1,2})?");

    private RedisSection() {
    }

    static RedisConfig read(ConfigNode o) {
        if (o == null) {
            return null;
        }
        o.only("uri", "connectTimeoutMillis", "commandTimeoutMillis", "claimIdleMillis");
        String uri = o.secret("uri", null, 1, 1024);
        if (!URI.matcher(uri).matches()) {
            throw o.bad("uri", "must be redis://[:password@]host:port[/db] or rediss://... (was '"
                    + RedisConfig.redacted(uri) + "')");
        }
        return new RedisConfig(uri,
                o.integer("connectTimeoutMillis", RedisConfig.DEFAULT_CONNECT_TIMEOUT_MILLIS, 100, 60_000),
                o.integer("commandTimeoutMillis", RedisConfig.DEFAULT_COMMAND_TIMEOUT_MILLIS, 50, 60_000),
                o.integer("claimIdleMillis", RedisConfig.DEFAULT_CLAIM_IDLE_MILLIS, 1_000, 3_600_000));
    }
}
