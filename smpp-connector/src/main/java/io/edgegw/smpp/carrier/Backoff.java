package io.edgegw.smpp.carrier;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: doubling from the configured first delay up to {@link #MAX_MILLIS}, each spread by +-20% so
 * many binds lost together do not knock on the carrier's door together. Reset only once a bind succeeds, so a
 * carrier refusing our bind is not hammered either. Used on one event loop only.
 */
final class Backoff {
    static final long MAX_MILLIS = 30_000;

    private final long firstMillis;
    private int attempts;

    Backoff(long firstMillis) {
        this.firstMillis = Math.max(1, firstMillis);
    }

    long nextDelayMillis() {
        long base = Math.min(MAX_MILLIS, firstMillis << Math.min(attempts, 20));
        attempts++;
        double spread = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.min(MAX_MILLIS, Math.max(1, (long) (base * spread)));
    }

    void reset() {
        attempts = 0;
    }
}
