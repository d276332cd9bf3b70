package io.edgegw.core.config;

/**
 * How the gateway stops on SIGTERM (or {@code Gateway.close()}).
 *
 * @param drainSeconds once intake has stopped, how long the gateway waits at most for what is already in flight:
 *                     submits sent to carriers and not yet answered (answered ones are journaled and completed,
 *                     so they are not sent again after a restart) and deliver_sm sent to tenants; 0 waits for none
 */
public record ShutdownConfig(int drainSeconds) {
    public static final int DEFAULT_DRAIN_SECONDS = 5;
    public static final ShutdownConfig DEFAULTS = new ShutdownConfig(DEFAULT_DRAIN_SECONDS);
}
