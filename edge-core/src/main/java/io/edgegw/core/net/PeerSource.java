package io.edgegw.core.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The client a connection speaks for: the address a PROXY header named when the connection came through a load
 * balancer ({@link ProxyProtocol}), else the TCP peer. Every source check and every log line naming a peer asks this,
 * never {@link Channel#remoteAddress()}.
 */
public final class PeerSource {
    static final AttributeKey<InetSocketAddress> KEY = AttributeKey.valueOf("edge.peer-source");

    private PeerSource() {
    }

    public static SocketAddress of(Channel channel) {
        InetSocketAddress proxied = channel.attr(KEY).get();
        return proxied != null ? proxied : channel.remoteAddress();
    }

    /** {@link #of} for a TCP connection. */
    public static InetSocketAddress inet(Channel channel) {
        return (InetSocketAddress) of(channel);
    }
}
