package io.edgegw.smpp.tenant;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open connections of one listener, in all and per source address. The per-source table only holds addresses
 * with a live connection, so it is bounded by {@code max}.
 */
final class ConnectionLimits {
    enum Verdict { OPEN, LISTENER_FULL, SOURCE_FULL }

    private final int max;
    private final int maxPerSource;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, Integer> perSource = new ConcurrentHashMap<>();

    ConnectionLimits(int max, int maxPerSource) {
        this.max = max;
        this.maxPerSource = maxPerSource;
    }

    /** Takes a slot for a new connection from {@code source} when one is free; give it back with {@link #closed}. */
    Verdict tryOpen(InetAddress source) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return Verdict.LISTENER_FULL;
        }
        int fromSource = perSource.merge(source, 1, Integer::sum);
        if (fromSource > maxPerSource) {
            closed(source);
            return Verdict.SOURCE_FULL;
        }
        return Verdict.OPEN;
    }

    void closed(InetAddress source) {
        perSource.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}
