package io.edgegw.core.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How well one carrier is doing, from its submit_sm answers: an exponentially weighted moving average (EWMA) of
 * the share answered OK (transient errors and unanswered submits count against it; throttling is load, and a
 * permanent error is the message's fault, so neither counts), and of the answer latency. From it a state, as
 * Kamailio's dispatcher keeps one per destination:
 * <ul>
 *   <li>ACTIVE: takes traffic in route order;</li>
 *   <li>INACTIVE: its success fell below {@link #FLOOR}; takes nothing for {@link #REST_NANOS} (unless every
 *       candidate of a route is inactive: then it is still tried, rather than failing messages);</li>
 *   <li>PROBING: after the rest, takes a trickle that doubles every good second, from {@link #PROBE_START_PER_SECOND}
 *       msg/s; back to ACTIVE once the trickle reaches {@link #PROBE_FULL_PER_SECOND} with success above
 *       {@link #RECOVERED}, back to INACTIVE if it falls below the floor again.</li>
 * </ul>
 * Dispatcher thread only.
 */
final class CarrierQuality {
    enum State { ACTIVE, PROBING, INACTIVE }

    static final double FLOOR = 0.7;
    static final double RECOVERED = 0.9;
    static final int MIN_SAMPLES = 20;
    static final long REST_NANOS = 5_000_000_000L;
    static final double PROBE_START_PER_SECOND = 10;
    static final double PROBE_FULL_PER_SECOND = 640;
    private static final double ALPHA = 0.05;
    private static final double PROBE_ALPHA = 0.2;
    private static final Logger LOG = LoggerFactory.getLogger(CarrierQuality.class);

    private final String carrierId;
    private State state = State.ACTIVE;
    private long since = System.nanoTime();
    private double success = 1.0;
    private double latencyMillis;
    private long samples;
    /** PROBING: messages allowed per second now, its tokens, and when it last doubled. */
    private double probeRate;
    private double probeTokens;
    private long probeRefill;
    private long probeGrown;

    CarrierQuality(String carrierId) {
        this.carrierId = carrierId;
    }

    State state() {
        return state;
    }

    double success() {
        return success;
    }

    double latencyMillis() {
        return latencyMillis;
    }

    /** An answer that says something about the carrier: OK or not, and how long it took. */
    void answered(boolean ok, long latencyNanos, long now) {
        double a = state == State.PROBING ? PROBE_ALPHA : ALPHA;
        success += a * ((ok ? 1.0 : 0.0) - success);
        if (ok && latencyNanos > 0) {
            latencyMillis += ALPHA * (latencyNanos / 1e6 - latencyMillis);
        }
        samples++;
        if (state != State.INACTIVE && samples >= MIN_SAMPLES && success < FLOOR) {
            to(State.INACTIVE, now, String.format("success %.0f%% below the %.0f%% floor", success * 100, FLOOR * 100));
        }
    }

    /** Whether a message may go to this carrier now; call {@link #sent} when it went. */
    boolean mayTake(long now) {
        if (state == State.INACTIVE && now - since >= REST_NANOS) {
            to(State.PROBING, now, "rested " + REST_NANOS / 1_000_000_000L + " s, probing");
            success = FLOOR; // neutral: the probes decide
            samples = 0;
            probeRate = PROBE_START_PER_SECOND;
            probeTokens = 1;
            probeRefill = now;
            probeGrown = now;
        }
        if (state == State.ACTIVE) {
            return true;
        }
        if (state == State.INACTIVE) {
            return false;
        }
        if (now - probeGrown >= 1_000_000_000L) {
            probeGrown = now;
            if (samples > 0 && success >= RECOVERED) {
                probeRate *= 2;
                if (probeRate >= PROBE_FULL_PER_SECOND) {
                    to(State.ACTIVE, now, String.format("recovered, success %.0f%%", success * 100));
                    return true;
                }
            }
        }
        probeTokens = Math.min(Math.max(1, probeRate / 10), probeTokens + probeRate * (now - probeRefill) / 1e9);
        probeRefill = now;
        return probeTokens >= 1;
    }

    void sent() {
        if (state == State.PROBING) {
            probeTokens -= 1;
        }
    }

    private void to(State next, long now, String why) {
        LOG.info("carrier {}: {} -> {} ({})", carrierId, state, next, why);
        state = next;
        since = now;
    }
}
