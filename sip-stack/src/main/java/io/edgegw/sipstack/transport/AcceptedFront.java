package io.edgegw.sipstack.transport;

import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * What runs first on every accepted TCP and TLS connection, before the transports' own handlers: a PROXY protocol
 * reader, when the listener is behind a load balancer. It calls {@code admitted} on the connection's event loop with
 * the client the connection speaks for (which the caps, the logs and the receiver then see as the peer), or closes
 * the connection. The transports' handlers are added by {@code admitted}, and see channelActive after it returns.
 */
@FunctionalInterface
public interface AcceptedFront {
    void accept(Channel channel, Consumer<InetSocketAddress> admitted);
}
