package io.edgegw.core.config;

/**
 * How failed SMPP binds are throttled, counted per source address and per system_id (consecutive failures,
 * forgotten after a success or {@code lockoutSeconds} without a failure).
 *
 * @param freeFailures      failures answered at once; each one after waits longer for its answer
 * @param firstDelayMillis  the wait of the first delayed answer; it doubles with every further failure
 * @param maxDelayMillis    the longest wait
 * @param lockoutFailures   failures from one address after which binds from it get ESME_RBINDFAIL without a
 *                          password check, for {@code lockoutSeconds}
 * @param systemIdLockoutFailures failures on one system_id, from any addresses, after which binds as it are refused
 *                          the same way (high: a locked system_id locks its own tenant out too)
 * @param lockoutSeconds    how long a lockout lasts, and how long a failure is remembered
 * @param failuresPerSession failed binds after which the connection is closed
 */
public record BindGuardConfig(int freeFailures, int firstDelayMillis, int maxDelayMillis, int lockoutFailures,
                              int systemIdLockoutFailures, int lockoutSeconds, int failuresPerSession) {
    public static final BindGuardConfig DEFAULTS = new BindGuardConfig(3, 250, 5_000, 10, 100, 300, 3);
}
