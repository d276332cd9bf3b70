package io.edgegw.sipstack.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections open on one listener, in all and per source address. The per-address table only holds addresses
 * with a connection open, so it is bounded by the listener's cap. Touched on accept and close only.
 */
final class ConnectionCounts {
    private final int max;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionCounts(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts the connection in and returns null, or returns why it is refused (and counts nothing). */
    String admit(InetAddress address) {
        if (total.incrementAndGet() > max) {
            total.decrementAndGet();
            return "over maxConnections " + max;
        }
        boolean[] over = new boolean[1];
        perAddress.compute(address, (a, n) -> {
            int now = n == null ? 0 : n;
            if (now >= maxPerAddress) {
                over[0] = true;
                return now;
            }
            return now + 1;
        });
        if (over[0]) {
            total.decrementAndGet();
            return "over maxConnectionsPerAddress " + maxPerAddress;
        }
        return null;
    }

    void release(InetAddress address) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    int open() {
        return total.get();
    }
}
