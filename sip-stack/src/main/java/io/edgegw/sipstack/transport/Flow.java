package io.edgegw.sipstack.transport;

import io.netty.channel.Channel;

/**
 * The way a message came in, so its responses go back the same way (RFC 3261 18.2.2): for TCP and TLS the connection
 * itself, for UDP the listening socket it arrived on and the sender's address. Identity is the connection's.
 */
public final class Flow {
    private final Peer peer;
    private final Channel channel;

    Flow(Peer peer, Channel channel) {
        this.peer = peer;
        this.channel = channel;
    }

    public Peer peer() {
        return peer;
    }

    public Transport transport() {
        return peer.transport();
    }

    /** False once a stream connection is closed; a UDP flow stays open while its listener does. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return peer + (peer.transport().isStream() ? " (connection " + channel.id().asShortText() + ")" : "");
    }
}
