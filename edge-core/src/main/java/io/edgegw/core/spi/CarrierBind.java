package io.edgegw.core.spi;

import io.edgegw.core.message.OutboundSubmit;

/**
 * One bind to a carrier SMSC, implemented by a connector and driven by the core's dispatcher thread.
 * {@link #offer} and {@link #flush} are called from that one thread only.
 */
public interface CarrierBind {
    String carrierId();

    /** Unique, readable: carrier/endpoint#n (carrier/endpoint#rxn for a bind that only receives). */
    String name();

    BindState state();

    /** When the bind entered its current {@link #state()}, epoch milliseconds; 0 when it does not say. */
    default long stateSinceMillis() {
        return 0;
    }

    /** Why it is in its current state, in words (e.g. "bind refused, status 0xd"); empty when it does not say. */
    default String stateReason() {
        return "";
    }

    /**
     * Operator override, callable from any thread: {@code false} unbinds this bind (what it has in flight is
     * reported unanswered, so it goes back to be sent again), keeps it {@link BindState#DISABLED} and does not
     * reconnect; {@code true} connects it again. A connector that cannot stop a bind ignores it.
     */
    default void setEnabled(boolean enabled) {
    }

    /** True while bound and able to take submits. */
    boolean isReady();

    /** Free slots in the window of outstanding submit_sm right now. */
    int availableWindow();

    /**
     * Takes one message into the window and writes its submit_sm without flushing.
     * Returns false (and keeps nothing) when not ready or the window is full.
     */
    boolean offer(OutboundSubmit submit);

    /** Flushes what {@link #offer} wrote; called once per dispatcher round. */
    void flush();
}
