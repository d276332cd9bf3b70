package io.edgegw.smpp.guard;

import org.slf4j.Logger;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Warnings about what a peer did, at most once a minute per key (what happened and from which address, or as which
 * system_id), so a hostile peer cannot fill the disk with our logs. The table is bounded: once full, every key
 * shares one slot, which still lets one line a minute through.
 */
public final class PeerLog {
    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_KEYS = 4096;
    private static final String OVERFLOW = "(many peers)";

    private final Logger log;
    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

    public PeerLog(Logger log) {
        this.log = log;
    }

    /** What happened and the peer's IP address (not its port: a reconnecting peer is the same peer). */
    public static String key(String what, SocketAddress remote) {
        String host = remote instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(remote);
        return what + "|" + host;
    }

    public void warn(String key, String format, Object... args) {
        if (log.isWarnEnabled() && allow(key, System.nanoTime())) {
            log.warn(format, args);
        }
    }

    public void info(String key, String format, Object... args) {
        if (log.isInfoEnabled() && allow(key, System.nanoTime())) {
            log.info(format, args);
        }
    }

    boolean allow(String key, long now) {
        if (!lastLogged.containsKey(key) && lastLogged.size() >= MAX_KEYS) {
            lastLogged.values().removeIf(t -> now - t >= INTERVAL_NANOS);
            if (lastLogged.size() >= MAX_KEYS) {
                key = OVERFLOW;
            }
        }
        Long last = lastLogged.get(key);
        if (last != null && now - last < INTERVAL_NANOS) {
            return false;
        }
        // two threads may both pass here at once: at worst two lines, never a lock
        lastLogged.put(key, now);
        return true;
    }
}
