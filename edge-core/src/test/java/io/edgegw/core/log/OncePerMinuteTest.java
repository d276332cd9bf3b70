package io.edgegw.core.log;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OncePerMinuteTest {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void aKeyIsLetThroughOnceAMinute() {
        OncePerMinute limiter = new OncePerMinute();
        assertTrue(limiter.allow("flood|10.0.0.1", 0));
        assertFalse(limiter.allow("flood|10.0.0.1", MINUTE - 1));
        assertTrue(limiter.allow("flood|10.0.0.2", MINUTE - 1), "another key is its own");
        assertTrue(limiter.allow("flood|10.0.0.1", MINUTE));
    }

    @Test
    void aFloodOfDistinctKeysSharesOneSlotInsteadOfGrowingTheTable() {
        OncePerMinute limiter = new OncePerMinute();
        for (int i = 0; i < 4096; i++) {
            assertTrue(limiter.allow("peer-" + i, 0));
        }
        assertTrue(limiter.allow("peer-4096", 1), "the first key past the bound takes the shared slot");
        assertFalse(limiter.allow("peer-4097", 2), "the next shares it: one line a minute for all of them");
        assertTrue(limiter.allow("peer-4098", MINUTE + 1), "a minute on, stale keys are forgotten");
    }
}
