package io.edgegw.core.config;

/**
 * How a call's seconds are billed, as the trade writes it: {@code 60/60} (a first minute, then whole minutes),
 * {@code 1/1} (per second), {@code 60/1} (a first minute, then per second).
 *
 * @param firstSeconds the least a call that lasted at all is billed
 * @param nextSeconds  the step past it, each step begun billed whole
 */
public record BillingIncrement(int firstSeconds, int nextSeconds) {
    public static final BillingIncrement PER_MINUTE = new BillingIncrement(60, 60);
    /** Longest increment a config may state (an hour). */
    public static final int MAX_SECONDS = 3600;

    public BillingIncrement {
        if (firstSeconds < 1 || firstSeconds > MAX_SECONDS || nextSeconds < 1 || nextSeconds > MAX_SECONDS) {
            throw new IllegalArgumentException("increments must be 1-" + MAX_SECONDS + " s: " + firstSeconds + "/"
                    + nextSeconds);
        }
    }

    /** Seconds billed for a call of {@code seconds}: 0 for none (a call never answered is not billed). */
    public long billedSeconds(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        if (seconds <= firstSeconds) {
            return firstSeconds;
        }
        long past = seconds - firstSeconds;
        return firstSeconds + (past + nextSeconds - 1) / nextSeconds * nextSeconds;
    }

    @Override
    public String toString() {
        return firstSeconds + "/" + nextSeconds;
    }
}
