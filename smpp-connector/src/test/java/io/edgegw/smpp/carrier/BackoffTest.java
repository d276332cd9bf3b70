package io.edgegw.smpp.carrier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    @Test
    void delaysDoubleWithJitterUpToTheConfiguredCeilingAndStartOverAfterReset() {
        Backoff backoff = new Backoff(100, 30_000);
        long first = backoff.nextDelayMillis();
        long second = backoff.nextDelayMillis();
        assertTrue(first >= 80 && first <= 120, "first " + first);
        assertTrue(second >= 160 && second <= 240, "second " + second);
        long last = 0;
        for (int i = 0; i < 50; i++) {
            last = backoff.nextDelayMillis();
            assertTrue(last <= 30_000, "capped: " + last);
        }
        assertTrue(last >= 30_000 * 8 / 10, "reaches the cap: " + last);
        backoff.reset();
        assertTrue(backoff.nextDelayMillis() <= 120);
    }

    @Test
    void aSmallConfiguredCeilingIsNeverExceeded() {
        Backoff backoff = new Backoff(100, 700);
        long last = 0;
        for (int i = 0; i < 20; i++) {
            last = backoff.nextDelayMillis();
            assertTrue(last <= 700, "capped at 700: " + last);
        }
        assertTrue(last >= 700 * 8 / 10, "reaches the cap: " + last);
    }

    @Test
    void aCeilingBelowTheFirstDelayIsRaisedToIt() {
        Backoff backoff = new Backoff(1_000, 10);
        assertTrue(backoff.nextDelayMillis() <= 1_000);
    }
}
