package io.edgegw.core.config;

/**
 * How long and how often the gateway tries before it gives a tenant's message up, so that no message can hold up the
 * ones behind it for ever.
 *
 * @param maxMessageAgeSeconds a submit older than this (since it was acknowledged) ends with a {@code stat:EXPIRED}
 *                             receipt when it is next taken to be sent; a shorter SMPP validity_period wins
 * @param maxSubmitAttempts    offers of one submit to carriers (answered with an error or not answered at all;
 *                             throttling answers do not count) before it ends with a {@code stat:UNDELIV} receipt
 * @param maxDeliveryAttempts  offers of one receipt or MO to the tenant's binds (refused or not answered) before it
 *                             moves to the tenant's dead-letter queue
 * @param defaultValiditySeconds the validity a submit without a validity_period of its own is given (from when it
 *                             is acknowledged); 0 = none, only {@code maxMessageAgeSeconds} bounds it
 * @param maxScheduleAheadSeconds the furthest ahead a submit's schedule_delivery_time may be; further is refused
 *                             with ESME_RINVSCHED
 */
public record MessageLimits(int maxMessageAgeSeconds, int maxSubmitAttempts, int maxDeliveryAttempts,
                            int defaultValiditySeconds, int maxScheduleAheadSeconds) {
    public static final int DEFAULT_MAX_SCHEDULE_AHEAD_SECONDS = 30 * 86_400;
    public static final MessageLimits DEFAULTS = new MessageLimits(48 * 3600, 10, 10, 0,
            DEFAULT_MAX_SCHEDULE_AHEAD_SECONDS);

    public MessageLimits {
        if (maxMessageAgeSeconds < 1 || maxSubmitAttempts < 1 || maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("message limits must be at least 1: " + maxMessageAgeSeconds + ", "
                    + maxSubmitAttempts + ", " + maxDeliveryAttempts);
        }
        if (defaultValiditySeconds < 0 || maxScheduleAheadSeconds < 1) {
            throw new IllegalArgumentException("defaultValiditySeconds must be 0 or more (" + defaultValiditySeconds
                    + "), maxScheduleAheadSeconds at least 1 (" + maxScheduleAheadSeconds + ")");
        }
    }

    /** Limits without a default validity, and the default schedule bound. */
    public MessageLimits(int maxMessageAgeSeconds, int maxSubmitAttempts, int maxDeliveryAttempts) {
        this(maxMessageAgeSeconds, maxSubmitAttempts, maxDeliveryAttempts, 0, DEFAULT_MAX_SCHEDULE_AHEAD_SECONDS);
    }

    public long defaultValidityMillis() {
        return defaultValiditySeconds * 1000L;
    }

    public long maxScheduleAheadMillis() {
        return maxScheduleAheadSeconds * 1000L;
    }

    public long maxMessageAgeMillis() {
        return maxMessageAgeSeconds * 1000L;
    }
}
