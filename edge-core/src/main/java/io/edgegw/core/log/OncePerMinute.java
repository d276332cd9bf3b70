package io.edgegw.core.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lets a warning about the same thing (what happened, from which address or as which tenant) through at most once a
 * minute, so a hostile peer cannot fill the disk with our logs. Safe from any thread, lock-free. The table is
 * bounded: once full, new keys share one slot, which still lets one line a minute through.
 */
public final class OncePerMinute {
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_KEYS = 4096;
    private static final String OVERFLOW = "(many keys)";

    private final Map<Object, Long> lastLogged = new ConcurrentHashMap<>();

    public boolean allow(Object key) {
        return allow(key, System.nanoTime());
    }

    /** With the time given, for tests. */
    public boolean allow(Object key, long nowNanos) {
        if (!lastLogged.containsKey(key) && lastLogged.size() >= MAX_KEYS) {
            lastLogged.values().removeIf(t -> nowNanos - t >= INTERVAL_NANOS);
            if (lastLogged.size() >= MAX_KEYS) {
                key = OVERFLOW;
            }
        }
        Long last = lastLogged.get(key);
        if (last != null && nowNanos - last < INTERVAL_NANOS) {
            return false;
        }
        // two threads may both pass here at once: at worst two lines, never a lock
        lastLogged.put(key, nowNanos);
        return true;
    }
}
