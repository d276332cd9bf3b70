package io.edgegw.core.admin;

import java.util.HashMap;
import java.util.Map;

/**
 * Lets a warning about the same thing (e.g. one source address) through at most once a minute. Used on the admin
 * event loop only (one thread), so a plain map; bounded by forgetting everything when too many keys pile up.
 */
final class OncePerMinute {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int MAX_KEYS = 10_000;

    private final Map<String, Long> last = new HashMap<>();

    boolean allow(String key) {
        long now = System.nanoTime();
        if (last.size() > MAX_KEYS) {
            last.clear(); // a flood of distinct addresses: forget, rather than grow
        }
        Long before = last.get(key);
        if (before != null && now - before < MINUTE_NANOS) {
            return false;
        }
        last.put(key, now);
        return true;
    }
}
