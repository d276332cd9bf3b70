package io.edgegw.simulator.load;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pacer on a clock of its own (it is handed the time at every call): what it releases, when, at 25,000/s, the
 * rate of issue 16's latency target. A session asks on a tick of about 1 ms and takes everything it is allowed.
 */
class SubmitPacerTest {
    private static final int RATE = 25_000;
    private static final long MS = 1_000_000L;

    /** Asks every {@code stepNanos} from 0 to {@code endNanos}, taking all it may; the release times. */
    private static List<Long> drain(SubmitPacer pacer, long stepNanos, long endNanos, long stalledFrom, long stalledTo) {
        List<Long> released = new ArrayList<>();
        for (long t = 0; t <= endNanos; t += stepNanos) {
            if (t >= stalledFrom && t < stalledTo) {
                continue; // the session cannot ask: its JVM is paused
            }
            while (pacer.tryPace(t) && pacer.nextMessage(t) >= 0) {
                released.add(t);
            }
        }
        return released;
    }

    /** Most releases in any window of {@code windowNanos}. */
    private static int mostInAnyWindow(List<Long> released, long windowNanos) {
        int most = 0;
        int from = 0;
        for (int to = 0; to < released.size(); to++) {
            while (released.get(to) - released.get(from) >= windowNanos) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }

    private static SubmitPacer started(long messages) {
        SubmitPacer pacer = new SubmitPacer(messages, RATE, 0);
        pacer.start(0);
        return pacer;
    }

    @Test
    void releasesNoMoreThanAMillisecondsWorthAtOnce() {
        List<Long> released = drain(started(1_000_000), MS, 1_000 * MS, Long.MAX_VALUE, Long.MAX_VALUE);

        assertEquals(25, started(1).burst(), "a millisecond's worth of 25,000/s");
        // ticks 1 ms apart: each takes what the last millisecond allowed, the first the burst
        assertTrue(mostInAnyWindow(released, MS) <= 26, "most in any 1 ms: " + mostInAnyWindow(released, MS));
        assertEquals(25, released.stream().filter(t -> t == 0).count(), "at the start only the burst goes");
        // and over the second, the rate (the schedule, plus the burst it may run ahead)
        assertEquals(RATE + 25, released.size(), "released in 1 s at 25,000/s");
    }

    @Test
    void aStalledSessionCatchesUpSmoothlyNotInOneBurst() {
        // the only asker stalls for 50 ms (a GC pause): 1,250 permits are owed when it comes back
        List<Long> released = drain(started(1_000_000), MS / 10, 1_000 * MS, 200 * MS, 250 * MS);

        long atReturn = released.stream().filter(t -> t == 250 * MS).count();
        assertTrue(atReturn <= 25, "released the instant it came back: " + atReturn);
        // never above the catch-up rate (2 x 25,000/s = 50 per ms) plus the burst, in any millisecond
        assertTrue(mostInAnyWindow(released, MS) <= 25 + 50, "most in any 1 ms: " + mostInAnyWindow(released, MS));
        assertTrue(mostInAnyWindow(released, 10 * MS) <= 25 + 500,
                "most in any 10 ms: " + mostInAnyWindow(released, 10 * MS));
        // what was owed is still sent: by the end of the second the schedule is met again
        assertEquals(RATE + 25, released.size(), "released in 1 s at 25,000/s despite the stall");
    }

    @Test
    void manySessionsAskingAtOnceShareTheSameAllowance() {
        SubmitPacer pacer = started(1_000_000);
        int taken = 0;
        for (long t = 0; t <= MS; t += MS) {
            for (int session = 0; session < 4; session++) {
                while (pacer.tryPace(t) && pacer.nextMessage(t) >= 0) {
                    taken++;
                }
            }
        }
        assertEquals(50, taken, "the burst, then the first millisecond's worth, whoever asks");
    }

    @Test
    void nothingGoesBeforeTheClockStartsAndThatDoesNotHoldUpWhatFollows() {
        // a session bound before the others asks at once (its bind_resp's read ends in a fill), on the real clock
        long bootedAgo = 9 * 3_600_000 * MS;
        SubmitPacer pacer = new SubmitPacer(1_000_000, RATE, 0);
        assertFalse(pacer.tryPace(bootedAgo), "a permit before the run's clock started");

        pacer.start(bootedAgo + MS);
        int taken = 0;
        for (long t = bootedAgo + MS; t <= bootedAgo + 11 * MS; t += MS) {
            while (pacer.tryPace(t) && pacer.nextMessage(t) >= 0) {
                taken++;
            }
        }
        assertEquals(25 + 10 * 25, taken, "the burst, then 10 ms at 25,000/s");
    }

    @Test
    void aPermitGivenBackIsNotLost() {
        SubmitPacer pacer = started(10);
        int sent = 0;
        for (long t = 0; t <= 10 * MS; t += MS) {
            while (pacer.tryPace(t)) {
                if (pacer.nextMessage(t) < 0) {
                    pacer.unpace();
                    break;
                }
                sent++;
            }
        }
        assertEquals(10, sent, "the budget, no more");
        assertTrue(pacer.exhausted(10 * MS));
    }
}
