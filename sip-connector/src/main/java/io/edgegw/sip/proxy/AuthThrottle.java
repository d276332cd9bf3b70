package io.edgegw.sip.proxy;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing from one address: after {@link #FREE_FAILURES} failed digests in a row the address is
 * locked out, 30 s at first and twice as long at each further failure (at most 15 minutes), during which its
 * credentials are refused unchecked. A success clears it; failures are forgotten after {@link #FORGET_MILLIS} of
 * quiet. Bounded: when full of live entries, new addresses are not tracked (and a warning says so) rather than grow.
 */
final class AuthThrottle {
    static final int FREE_FAILURES = 5;
    static final long FIRST_LOCK_MILLIS = 30_000;
    static final long MAX_LOCK_MILLIS = 15 * 60_000;
    static final long FORGET_MILLIS = 15 * 60_000;

    private record Strikes(int failures, long lastMillis, long lockedUntilMillis) {
    }

    private final ConcurrentHashMap<InetAddress, Strikes> bySource = new ConcurrentHashMap<>();
    private final int max;
    private final LongSupplier clock;

    AuthThrottle(int max, LongSupplier clock) {
        this.max = max;
        this.clock = clock;
    }

    /** True while the address is locked out. */
    boolean locked(InetAddress source) {
        Strikes s = source == null ? null : bySource.get(source);
        return s != null && clock.getAsLong() < s.lockedUntilMillis();
    }

    /** A failed digest from the address; false when the table was full and the address is not tracked. */
    boolean failed(InetAddress source) {
        if (source == null) {
            return false;
        }
        long now = clock.getAsLong();
        if (!bySource.containsKey(source) && bySource.size() >= max) {
            bySource.values().removeIf(s -> now - s.lastMillis() > FORGET_MILLIS && now >= s.lockedUntilMillis());
            if (bySource.size() >= max) {
                return false;
            }
        }
        bySource.compute(source, (a, s) -> {
            int failures = s == null || now - s.lastMillis() > FORGET_MILLIS ? 1 : s.failures() + 1;
            long until = 0;
            if (failures >= FREE_FAILURES) {
                int doublings = Math.min(failures - FREE_FAILURES, 10);
                until = now + Math.min(FIRST_LOCK_MILLIS << doublings, MAX_LOCK_MILLIS);
            }
            return new Strikes(failures, now, until);
        });
        return true;
    }

    /** Right credentials from the address: its failures are forgotten. */
    void succeeded(InetAddress source) {
        if (source != null) {
            bySource.remove(source);
        }
    }
}
