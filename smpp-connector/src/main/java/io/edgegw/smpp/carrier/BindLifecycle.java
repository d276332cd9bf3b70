package io.edgegw.smpp.carrier;

import io.edgegw.core.spi.BindState;

/**
 * Where one carrier bind is in its life, and so what it does when its connection ends: dial again after a backoff,
 * stay away while an operator has it disabled, or stop for good. The core and operators see the coarser
 * {@link BindState} each one reports. Changed on the bind's event loop only; read from any thread.
 * <pre>
 * NOT_STARTED -> CONNECTING -> BINDING -> BOUND -> UNBINDING (the carrier unbinds) -> BACKING_OFF -> CONNECTING ...
 *                     |            |--(refused, lost, timed out)--> BACKING_OFF
 *                     |--(connect or TLS failed)--> BACKING_OFF
 * any but CLOSING/CLOSED --disable--> DISABLING (while its connection ends) -> DISABLED --enable--> CONNECTING
 * any --close--> CLOSING (while its connection ends) -> CLOSED
 * </pre>
 */
enum BindLifecycle {
    /** Made and registered, not yet told to connect. */
    NOT_STARTED(BindState.DOWN),
    /** Dialling the endpoint, and through the TLS handshake when the endpoint asks for TLS. */
    CONNECTING(BindState.CONNECTING),
    /** Connected; the bind PDU is sent and its answer awaited. */
    BINDING(BindState.BINDING),
    /** Bound: takes submits (when its role sends them) and deliveries. */
    BOUND(BindState.BOUND),
    /**
     * Its connection is ending (the carrier asked to unbind, or an operator enabled it while it was still
     * unbinding); then it dials again.
     */
    UNBINDING(BindState.UNBINDING),
    /** Down (lost, refused, failed to connect): waits out its backoff, then dials again. */
    BACKING_OFF(BindState.DOWN),
    /** An operator disabled it while it had a connection: unbinding, then DISABLED. */
    DISABLING(BindState.UNBINDING),
    /** An operator disabled it: no connection and no dialling until enabled again. */
    DISABLED(BindState.DISABLED),
    /** The gateway is closing it while it has a connection: unbinding, then CLOSED. */
    CLOSING(BindState.UNBINDING),
    /** Closed for good: what it had in flight was reported unanswered, it is unregistered. */
    CLOSED(BindState.DOWN);

    private final BindState reported;

    BindLifecycle(BindState reported) {
        this.reported = reported;
    }

    /** What the core and operators see of it. */
    BindState reported() {
        return reported;
    }

    /** Closing or closed: it dials no more and takes no new deliveries. */
    boolean closing() {
        return this == CLOSING || this == CLOSED;
    }

    /** An operator has it disabled (its connection may still be ending). */
    boolean disabled() {
        return this == DISABLING || this == DISABLED;
    }
}
