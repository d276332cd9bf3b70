package io.edgegw.sipstack.transport;

import io.netty.buffer.ByteBuf;

/**
 * Takes whole SIP messages as they arrive. Called on a Netty event loop: it must not block (parse, hand the message
 * to the call's worker, return). The receiver owns {@code message} and must release it.
 */
@FunctionalInterface
public interface SipReceiver {
    void onMessage(ByteBuf message, Peer source, Flow flow);

    /**
     * A connection toward {@code peer} could not be opened, or closed with messages still unsent; those messages are
     * dropped. The transaction layer may treat it as a transport error (RFC 3261 17.1.4). Also on an event loop.
     */
    default void onTransportError(Peer peer, String reason) {
    }

    /**
     * How long a datagram waited in a UDP socket before its event loop read it (a probe the socket sends itself every
     * few milliseconds; a probe not back yet reports its age so far). On that event loop, so a receiver doing its work
     * there sees the wait its own work causes.
     */
    default void onSocketWait(long nanos) {
    }
}
