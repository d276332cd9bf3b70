package io.edgegw.core.dispatch;

import io.edgegw.core.config.QualityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How well one carrier is doing, from its submit_sm answers: an exponentially weighted moving average (EWMA) of
 * the share answered OK (transient errors and unanswered submits count against it; throttling is load, and a
 * permanent error is the message's fault, so neither counts), of the answer latency and of the share of final
 * receipts saying DELIVRD (a carrier that takes everything and delivers little is a grey route). From it a
 * {@link DestinationState}, as Kamailio's dispatcher keeps one per destination (never DISABLED: that is an operator's):
 * <ul>
 *   <li>ACTIVE: takes traffic in route order;</li>
 *   <li>INACTIVE: its success fell below the configured floor (or its receipts below theirs); takes nothing for a rest (unless every
 *       candidate of a route is inactive: then it is still tried, rather than failing messages);</li>
 *   <li>PROBING: after the rest, takes a trickle that doubles every good second; back to ACTIVE once the trickle reaches the
 *       full rate with success at the recovered ratio, back to INACTIVE if it falls below a floor again.</li>
 * </ul>
 * Dispatcher thread only.
 */
final class CarrierQuality {
    private static final double ALPHA = 0.05;
    private static final double PROBE_ALPHA = 0.2;
    private static final Logger LOG = LoggerFactory.getLogger(CarrierQuality.class);

    /** The carrier's id, or "carrier for prefix" for a route's own view of it. */
    private final String name;
    private final QualityConfig config;
    private final long restNanos;
    private DestinationState state = DestinationState.ACTIVE;
    /** When it went INACTIVE (only read then). */
    private long since;
    private double success = 1.0;
    private double latencyMillis;
    private long samples;
    /** Share of final receipts saying DELIVRD, and how many fed it since the last state change. */
    private double delivered = 1.0;
    private long receipts;
    /** PROBING: messages allowed per second now, its tokens, and when it last doubled. */
    private double probeRate;
    private double probeTokens;
    private long probeRefill;
    private long probeGrown;

    CarrierQuality(String name, QualityConfig config) {
        this.name = name;
        this.config = config;
        this.restNanos = config.restSeconds() * 1_000_000_000L;
    }

    DestinationState state() {
        return state;
    }

    double success() {
        return success;
    }

    double latencyMillis() {
        return latencyMillis;
    }

    double delivered() {
        return delivered;
    }

    /** An answer that says something about the carrier: OK or not, and how long it took. */
    void answered(boolean ok, long latencyNanos, long now) {
        double a = state == DestinationState.PROBING ? PROBE_ALPHA : ALPHA;
        success += a * ((ok ? 1.0 : 0.0) - success);
        if (ok && latencyNanos > 0) {
            latencyMillis += ALPHA * (latencyNanos / 1e6 - latencyMillis);
        }
        samples++;
        if (state != DestinationState.INACTIVE && samples >= config.minSamples() && success < config.minSuccessRatio()) {
            to(DestinationState.INACTIVE, now, String.format("success %.0f%% below the %.0f%% floor", success * 100,
                    config.minSuccessRatio() * 100));
        }
    }

    /** A final receipt for a message this carrier took: delivered or not (undeliverable, rejected, expired). */
    void receipted(boolean wasDelivered, long now) {
        double a = state == DestinationState.PROBING ? PROBE_ALPHA : ALPHA;
        delivered += a * ((wasDelivered ? 1.0 : 0.0) - delivered);
        receipts++;
        if (state != DestinationState.INACTIVE && receiptsFailing()) {
            to(DestinationState.INACTIVE, now, String.format("receipts %.0f%% delivered, below the %.0f%% floor",
                    delivered * 100, config.minDeliveredRatio() * 100));
        }
    }

    private boolean receiptsFailing() {
        return config.minDeliveredRatio() > 0 && receipts >= config.minSamples() && delivered < config.minDeliveredRatio();
    }

    /** Whether a message may go to this carrier now; call {@link #sent} when it went. */
    boolean mayTake(long now) {
        if (state == DestinationState.ACTIVE) {
            return true;
        }
        if (state == DestinationState.INACTIVE) {
            if (now - since < restNanos) {
                return false;
            }
            to(DestinationState.PROBING, now, "rested " + config.restSeconds() + " s, probing");
            success = config.minSuccessRatio(); // neutral: the probes decide
            samples = 0;
            delivered = 1.0;
            receipts = 0;
            probeRate = config.probeStartPerSecond();
            probeTokens = 1;
            probeRefill = now;
            probeGrown = now;
        }
        if (now - probeGrown >= 1_000_000_000L) {
            probeGrown = now;
            if (samples > 0 && success >= config.recoveredRatio()) {
                probeRate *= 2;
                if (probeRate >= config.probeFullPerSecond()) {
                    to(DestinationState.ACTIVE, now, String.format("recovered, success %.0f%%", success * 100));
                    return true;
                }
            }
        }
        probeTokens = Math.min(Math.max(1, probeRate / 10), probeTokens + probeRate * (now - probeRefill) / 1e9);
        probeRefill = now;
        return probeTokens >= 1;
    }

    void sent() {
        if (state == DestinationState.PROBING) {
            probeTokens -= 1;
        }
    }

    private void to(DestinationState next, long now, String why) {
        LOG.info("carrier {}: {} -> {} ({})", name, state, next, why);
        state = next;
        since = now;
    }
}
