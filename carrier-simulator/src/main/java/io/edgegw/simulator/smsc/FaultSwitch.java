package io.edgegw.simulator.smsc;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The runtime fault state of one {@link SimulatedSmsc}: tests, scenarios and the admin endpoint change it while the
 * SMSC runs; sessions read {@link #current()} (one volatile read) on every PDU.
 */
public final class FaultSwitch {
    private final AtomicReference<Faults> current = new AtomicReference<>(Faults.NONE);
    private final SimulatedSmsc smsc;

    FaultSwitch(SimulatedSmsc smsc) {
        this.smsc = smsc;
    }

    public Faults current() {
        return current.get();
    }

    /** Replaces every fault at once. */
    public void set(Faults faults) {
        apply(Objects.requireNonNull(faults, "faults"), current.getAndSet(faults));
    }

    /** Changes some faults, keeping the others, e.g. {@code update(f -> f.withSilent(true))}. */
    public Faults update(UnaryOperator<Faults> change) {
        Faults[] previous = new Faults[1];
        Faults next = current.updateAndGet(f -> {
            previous[0] = f;
            return Objects.requireNonNull(change.apply(f), "faults");
        });
        apply(next, previous[0]);
        return next;
    }

    /** Back to the configured behaviour. */
    public void clear() {
        set(Faults.NONE);
    }

    /** Closes every open connection once (counted in connectionsDropped); returns how many were closed. */
    public int dropConnections() {
        return smsc.dropConnections();
    }

    private void apply(Faults next, Faults previous) {
        if (previous.silent() && !next.silent()) {
            smsc.resumeReceipts(); // receipts held while silent go out again
        }
    }
}
