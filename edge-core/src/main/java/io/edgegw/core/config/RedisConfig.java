package io.edgegw.core.config;

/**
 * {@code cluster.redis}: the Redis that instances of one cluster share receipt correlations through (issue 15). Absent,
 * the gateway needs no Redis and correlates receipts from its own disk alone, as a single instance always has.
 *
 * @param uri                  {@code redis://[:password@]host:port[/db]} (or {@code rediss://} for TLS); may be
 *                             {@code env:NAME}, so a password stays out of the file
 * @param connectTimeoutMillis how long one connection attempt may take
 * @param commandTimeoutMillis how long a round of commands may wait for Redis's answers before it counts as failed
 * @param claimIdleMillis      how long a tenant stream's entry may stay read and unacknowledged by one instance before
 *                             another instance holding a receiver bind of the tenant claims it (that one died)
 */
public record RedisConfig(String uri, int connectTimeoutMillis, int commandTimeoutMillis, int claimIdleMillis) {
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 2_000;
    public static final int DEFAULT_COMMAND_TIMEOUT_MILLIS = 5_000;
    public static final int DEFAULT_CLAIM_IDLE_MILLIS = 30_000;

    @Override
    public String toString() {
        return "RedisConfig[uri=" + redacted(uri) + ", connectTimeoutMillis=" + connectTimeoutMillis
                + ", commandTimeoutMillis=" + commandTimeoutMillis + ", claimIdleMillis=" + claimIdleMillis + "]";
    }

    /** The uri without its password, for logs. */
    public static String redacted(String uri) {
        int at = uri.lastIndexOf('@');
        int scheme = uri.indexOf("://");
        return at < 0 || scheme < 0 || at < scheme ? uri : uri.substring(0, scheme + 3) + "***" + uri.substring(at);
    }
}
