package io.edgegw.core.dispatch;

import java.time.Duration;

/** A dispatcher clock the test moves by hand: the monotonic and the wall clock advance together. */
final class FakeClock implements DispatchClock {
    private long nanos = 5_000_000_000_000L;
    private long millis = 1_700_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }

    void advance(Duration d) {
        nanos += d.toNanos();
        millis += d.toMillis();
    }
}
