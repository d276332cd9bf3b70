package io.edgegw.core.dispatch;

/**
 * Where the dispatcher's parts read the time: a monotonic clock in nanoseconds for pacing, backoff, activity and
 * quality, and the wall clock in epoch milliseconds for message ages (the journal stamps messages with it).
 * {@link #SYSTEM} in production; unit tests pass a clock they move by hand. The loop reads it once per round and
 * hands {@code now} down, so no part reads a clock per message.
 */
public interface DispatchClock {
    DispatchClock SYSTEM = new DispatchClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };

    long nanoTime();

    long currentTimeMillis();
}
