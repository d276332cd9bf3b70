package io.edgegw.simulator.smsc;

import io.edgegw.simulator.SmppStatus;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The faults a simulated SMSC is playing right now; {@link #NONE} is the configured behaviour. Immutable: the
 * event loops read one snapshot per PDU from {@link FaultSwitch} without locks, and a change swaps the whole.
 *
 * @param refuseBindStatus   non-zero: every new bind is refused with this command_status
 * @param dropAfterMillis    non-zero: every session that binds is closed this long after its bind
 * @param silent             read everything, answer nothing (no bind_resp, submit_sm_resp, enquire_link_resp,
 *                           no receipts), on new and existing connections
 * @param maxSubmitsPerSecond submits per second before ESME_RTHROTTLED, 0 unlimited; -1 = as configured
 * @param errors             shares of submits answered with an error status
 * @param extraLatencyMillis added to the configured submit_sm_resp latency ...
 * @param latencyPercent     ... for this share of submits (0..100)
 * @param receiptLossPercent share of receipts never sent (0..100; 100 = receipts never come)
 */
public record Faults(
        int refuseBindStatus,
        long dropAfterMillis,
        boolean silent,
        int maxSubmitsPerSecond,
        ErrorMix errors,
        long extraLatencyMillis,
        int latencyPercent,
        int receiptLossPercent) {

    public static final int AS_CONFIGURED = -1;
    public static final Faults NONE = new Faults(0, 0, false, AS_CONFIGURED, ErrorMix.NONE, 0, 100, 0);

    public Faults {
        Objects.requireNonNull(errors, "errors");
        if (dropAfterMillis < 0) {
            throw new IllegalArgumentException("dropAfterMs must be >= 0: " + dropAfterMillis);
        }
        if (maxSubmitsPerSecond < AS_CONFIGURED) {
            throw new IllegalArgumentException("throttle must be >= 0 submits/s (or -1 for as configured): " + maxSubmitsPerSecond);
        }
        if (extraLatencyMillis < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0: " + extraLatencyMillis);
        }
        if (latencyPercent < 0 || latencyPercent > 100) {
            throw new IllegalArgumentException("latencyShare must be 0..100 percent: " + latencyPercent);
        }
        if (receiptLossPercent < 0 || receiptLossPercent > 100) {
            throw new IllegalArgumentException("receiptLoss must be 0..100 percent: " + receiptLossPercent);
        }
    }

    public Faults withRefusedBinds(int status) {
        return new Faults(status, dropAfterMillis, silent, maxSubmitsPerSecond, errors, extraLatencyMillis,
                latencyPercent, receiptLossPercent);
    }

    public Faults withDropAfter(long millis) {
        return new Faults(refuseBindStatus, millis, silent, maxSubmitsPerSecond, errors, extraLatencyMillis,
                latencyPercent, receiptLossPercent);
    }

    public Faults withSilent(boolean on) {
        return new Faults(refuseBindStatus, dropAfterMillis, on, maxSubmitsPerSecond, errors, extraLatencyMillis,
                latencyPercent, receiptLossPercent);
    }

    public Faults withThrottle(int perSecond) {
        return new Faults(refuseBindStatus, dropAfterMillis, silent, perSecond, errors, extraLatencyMillis,
                latencyPercent, receiptLossPercent);
    }

    public Faults withErrors(ErrorMix mix) {
        return new Faults(refuseBindStatus, dropAfterMillis, silent, maxSubmitsPerSecond, mix, extraLatencyMillis,
                latencyPercent, receiptLossPercent);
    }

    public Faults withLatency(long millis, int percent) {
        return new Faults(refuseBindStatus, dropAfterMillis, silent, maxSubmitsPerSecond, errors, millis,
                percent, receiptLossPercent);
    }

    public Faults withReceiptLoss(int percent) {
        return new Faults(refuseBindStatus, dropAfterMillis, silent, maxSubmitsPerSecond, errors, extraLatencyMillis,
                latencyPercent, percent);
    }

    /** One {@code key=value} per line, the keys the admin endpoint takes. */
    public String toText() {
        return "refuseBinds=" + (refuseBindStatus == 0 ? "off" : SmppStatus.name(refuseBindStatus)) + "\n"
                + "dropAfterMs=" + dropAfterMillis + "\n"
                + "silent=" + silent + "\n"
                + "throttle=" + (maxSubmitsPerSecond == AS_CONFIGURED ? "off" : maxSubmitsPerSecond) + "\n"
                + "errors=" + errors + "\n"
                + "latencyMs=" + extraLatencyMillis + "\n"
                + "latencyShare=" + latencyPercent + "\n"
                + "receiptLoss=" + receiptLossPercent + "\n";
    }

    /** The faults that differ from {@link #NONE}, on one line; "none" when there are none. */
    public String summary() {
        Set<String> defaults = Set.copyOf(NONE.toText().lines().toList());
        String changed = toText().lines().filter(line -> !defaults.contains(line)).collect(Collectors.joining(" "));
        return changed.isEmpty() ? "none" : changed;
    }
}
