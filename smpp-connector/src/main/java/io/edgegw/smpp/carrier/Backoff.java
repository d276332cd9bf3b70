package io.edgegw.smpp.carrier;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: doubling from the configured first delay up to the configured ceiling, each spread by +-20% so
 * many binds lost together do not knock on the carrier's door together. Reset only once a bind succeeds, so a
 * carrier refusing our bind is not hammered either. Used on one event loop only.
 */
final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private int attempts;

    Backoff(long firstMillis, long maxMillis) {
        this.firstMillis = Math.max(1, firstMillis);
        this.maxMillis = Math.max(this.firstMillis, maxMillis);
    }

    long nextDelayMillis() {
        long base = Math.min(maxMillis, firstMillis << Math.min(attempts, 20));
        attempts++;
        double spread = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.min(maxMillis, Math.max(1, (long) (base * spread)));
    }

    void reset() {
        attempts = 0;
    }
}
