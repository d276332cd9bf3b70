package io.edgegw.core;

import java.util.concurrent.TimeUnit;

/** How long each step of a stop took, for its one log line. */
final class StopClock {
    private final long began;
    private long last;
    private final StringBuilder laps = new StringBuilder();

    StopClock(long began) {
        this.began = began;
        this.last = began;
    }

    void lap(String step) {
        long now = System.nanoTime();
        laps.append(laps.length() == 0 ? "" : ", ").append(step).append(' ')
                .append(TimeUnit.NANOSECONDS.toMillis(now - last)).append(" ms");
        last = now;
    }

    long total() {
        return TimeUnit.NANOSECONDS.toMillis(last - began);
    }

    @Override
    public String toString() {
        return laps.toString();
    }
}
