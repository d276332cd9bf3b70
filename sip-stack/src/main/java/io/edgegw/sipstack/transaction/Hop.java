package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;

/**
 * Where a transaction sends: the flow a request came in on (its responses go back there) or a client
 * transaction's destination. The transport adapter implements it over its Flow and Peer.
 */
public interface Hop {
    /** TCP and TLS: no retransmission timers, and the lingering timers I, J, K, D are zero (RFC 3261 17). */
    boolean isReliable();

    /** Sends {@code message} (the hop takes ownership); must not block, may be called from any thread. */
    void send(ByteBuf message);

    /** The transport and address at the other end: a request's source (its packet's, not its Via's), or a destination. */
    default io.edgegw.sipstack.transport.Peer peer() {
        return null;
    }
}
