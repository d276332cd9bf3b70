package io.edgegw.sipstack.transport;

import java.util.concurrent.ConcurrentHashMap;

/** Lets a warning about the same thing (e.g. one source address) through at most once a minute. */
final class OncePerMinute {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int MAX_KEYS = 10_000;

    private final ConcurrentHashMap<Object, Long> last = new ConcurrentHashMap<>();

    boolean allow(Object key) {
        long now = System.nanoTime();
        if (last.size() > MAX_KEYS) {
            last.clear(); // a flood of distinct addresses: forget, rather than grow
        }
        Long before = last.get(key);
        if (before != null && now - before < MINUTE_NANOS) {
            return false;
        }
        last.put(key, now); // two threads racing may both log once: harmless
        return true;
    }
}
