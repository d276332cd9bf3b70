package io.edgegw.sipstack.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/** Where a message comes from or goes to: a transport and a socket address. */
public record Peer(Transport transport, InetSocketAddress address) {
    public Peer {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    public static Peer of(Transport transport, String host, int port) {
        return new Peer(transport, new InetSocketAddress(host, port));
    }

    @Override
    public String toString() {
        return transport + ":" + address.getHostString() + ":" + address.getPort();
    }
}
