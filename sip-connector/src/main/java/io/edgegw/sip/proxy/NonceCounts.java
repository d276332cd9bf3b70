package io.edgegw.sip.proxy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The highest nonce count each of our nonces was accepted with (RFC 2617 section 3.2.2: the server "can detect
 * replays" by it): a count not above it is a replay, so a sniffed Proxy-Authorization is good for nothing. Only
 * nonces used with the right password enter, and only while fresh: the table is bounded by the calls placed with
 * credentials in one nonce lifetime, and pruned of stale nonces when it is full.
 */
final class NonceCounts {
    private final ConcurrentHashMap<String, AtomicLong> highest = new ConcurrentHashMap<>();
    private final int max;
    private final long lifetimeMillis;
    /** The nonce's age in milliseconds, -1 when it is not ours. */
    private final ToLongFunction<String> age;

    NonceCounts(int max, long lifetimeMillis, ToLongFunction<String> age) {
        this.max = max;
        this.lifetimeMillis = lifetimeMillis;
        this.age = age;
    }

    /** True when {@code nc} is above every count this nonce was used with before; it is then the highest. */
    boolean advance(String nonce, long nc) {
        if (nc <= 0) {
            return false;
        }
        AtomicLong seen = highest.get(nonce);
        if (seen == null) {
            if (highest.size() >= max) {
                highest.keySet().removeIf(n -> {
                    long a = age.applyAsLong(n);
                    return a < 0 || a > lifetimeMillis;
                });
                if (highest.size() >= max) {
                    return false; // full of fresh nonces: refused as a replay, the caller is challenged again
                }
            }
            seen = highest.computeIfAbsent(nonce, n -> new AtomicLong());
        }
        for (long last = seen.get(); nc > last; last = seen.get()) {
            if (seen.compareAndSet(last, nc)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return highest.size();
    }
}
