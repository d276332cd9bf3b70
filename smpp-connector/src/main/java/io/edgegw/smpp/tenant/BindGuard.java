package io.edgegw.smpp.tenant;

import io.edgegw.core.config.BindGuardConfig;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Failed binds, counted per source address and per system_id, so passwords cannot be guessed at line speed: the
 * first {@code freeFailures} are answered at once, each further one waits twice as long as the last (up to a
 * bound), and past {@code lockoutFailures} the address (or, past its own higher bound, the system_id) is locked
 * out: its binds are refused without a password check. A success forgets that address's and system_id's count;
 * so does a quiet {@code lockoutSeconds}.
 *
 * <p>Shared by every session of the listener, across event loops: entries are immutable and replaced through
 * {@link ConcurrentHashMap#compute}, never a lock of our own. Each table holds at most {@link #MAX_ENTRIES}; when
 * one is full of live entries, a failure it cannot record is answered after the longest delay.
 */
final class BindGuard {
    static final int MAX_ENTRIES = 10_000;

    private record Failures(int count, long lastNanos, long lockedUntilNanos) {
    }

    private final BindGuardConfig config;
    private final long forgetNanos;
    private final Map<InetAddress, Failures> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Failures> bySystemId = new ConcurrentHashMap<>();

    BindGuard(BindGuardConfig config) {
        this.config = config;
        this.forgetNanos = TimeUnit.SECONDS.toNanos(config.lockoutSeconds());
    }

    BindGuardConfig config() {
        return config;
    }

    /** Whether binds from this address or as this system_id are refused without a check right now. */
    boolean lockedOut(InetAddress address, String systemId, long now) {
        return locked(byAddress.get(address), now) || locked(bySystemId.get(key(systemId)), now);
    }

    /** Records a failed bind; returns how long its answer must wait, in milliseconds (0: answer now). */
    long failed(InetAddress address, String systemId, long now) {
        int fromAddress = record(byAddress, address, config.lockoutFailures(), now);
        int asSystemId = record(bySystemId, key(systemId), config.systemIdLockoutFailures(), now);
        if (fromAddress < 0 || asSystemId < 0) {
            return config.maxDelayMillis(); // a table full of live entries: a distributed attack, slow everyone's
        }
        return delayFor(Math.max(fromAddress, asSystemId));
    }

    void succeeded(InetAddress address, String systemId) {
        byAddress.remove(address);
        bySystemId.remove(key(systemId));
    }

    long delayFor(int failures) {
        int over = failures - config.freeFailures();
        if (over <= 0) {
            return 0;
        }
        long delay = (long) config.firstDelayMillis() << Math.min(over - 1, 20);
        return Math.min(delay, config.maxDelayMillis());
    }

    int size() {
        return byAddress.size() + bySystemId.size();
    }

    /** @return the failure count after this one, or -1 when the table is full and it could not be recorded */
    private <K> int record(Map<K, Failures> table, K key, int lockoutAt, long now) {
        if (!table.containsKey(key) && table.size() >= MAX_ENTRIES) {
            table.values().removeIf(f -> !live(f, now));
            if (table.size() >= MAX_ENTRIES) {
                return -1;
            }
        }
        Failures after = table.compute(key, (k, f) -> {
            if (f != null && locked(f, now)) {
                return f; // failures during a lockout do not extend it, or a tenant could be kept out for ever
            }
            int count = f == null || !live(f, now) ? 1 : f.count() + 1;
            long lockedUntil = count >= lockoutAt ? now + forgetNanos : 0;
            return new Failures(count, now, lockedUntil);
        });
        return after.count();
    }

    private boolean live(Failures f, long now) {
        return now - f.lastNanos() < forgetNanos || locked(f, now);
    }

    private static boolean locked(Failures f, long now) {
        return f != null && f.lockedUntilNanos() != 0 && now - f.lockedUntilNanos() < 0;
    }

    private static String key(String systemId) {
        return systemId == null ? "" : systemId;
    }
}
