package io.edgegw.sipstack.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The peer of a TCP or TLS connection: the client an {@link AcceptedFront} named, else the socket's peer. */
final class StreamPeer {
    private static final AttributeKey<InetSocketAddress> CLIENT = AttributeKey.valueOf("sip.stream-client");

    private StreamPeer() {
    }

    static void set(Channel channel, InetSocketAddress client) {
        channel.attr(CLIENT).set(client);
    }

    static SocketAddress of(Channel channel) {
        InetSocketAddress client = channel.attr(CLIENT).get();
        return client != null ? client : channel.remoteAddress();
    }
}
