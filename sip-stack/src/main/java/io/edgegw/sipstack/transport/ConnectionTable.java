package io.edgegw.sipstack.transport;

import io.netty.channel.Channel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The open TCP and TLS connections by peer, both accepted ones (so a request toward a UA that connected to us goes
 * back over its connection) and the ones we opened. Outgoing connections are capped; accepted ones are capped by
 * their listener. The fast path is one map read; opening a connection is the only compute.
 */
final class ConnectionTable {
    private final ConcurrentHashMap<Peer, Channel> open = new ConcurrentHashMap<>();
    private final AtomicInteger outgoing = new AtomicInteger();
    private final int maxOutgoing;

    ConnectionTable(int maxOutgoing) {
        this.maxOutgoing = maxOutgoing;
    }

    void accepted(Flow flow) {
        Channel channel = flow.channel();
        if (open.putIfAbsent(flow.peer(), channel) == null) {
            channel.closeFuture().addListener(f -> open.remove(flow.peer(), channel));
        }
    }

    /**
     * The open connection to {@code peer}, one being opened, or a new one from {@code dial}; null at the cap. Dials
     * outside any map lock: a connect refused at once closes the channel on this thread, and its close listener
     * touches the map. Two senders racing may both dial; the loser's channel is closed.
     */
    Channel connection(Peer peer, Function<Peer, Channel> dial) {
        Channel channel = open.get(peer);
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (outgoing.incrementAndGet() > maxOutgoing) {
            outgoing.decrementAndGet();
            return null;
        }
        Channel dialled = dial.apply(peer);
        dialled.closeFuture().addListener(f -> {
            outgoing.decrementAndGet();
            open.remove(peer, dialled);
        });
        while (true) {
            Channel current = open.get(peer);
            if (current != null && current.isOpen()) {
                dialled.close();
                return current;
            }
            boolean placed = current == null ? open.putIfAbsent(peer, dialled) == null
                    : open.replace(peer, current, dialled);
            if (placed) {
                if (!dialled.isOpen()) {
                    open.remove(peer, dialled); // closed before it was placed: its listener found nothing to remove
                }
                return dialled;
            }
        }
    }

    int outgoing() {
        return outgoing.get();
    }
}
