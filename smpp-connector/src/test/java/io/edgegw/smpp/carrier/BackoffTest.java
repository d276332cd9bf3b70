package io.edgegw.smpp.carrier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    @Test
    void delaysDoubleWithJitterUpToThirtySecondsAndStartOverAfterReset() {
        Backoff backoff = new Backoff(100);
        long first = backoff.nextDelayMillis();
        long second = backoff.nextDelayMillis();
        assertTrue(first >= 80 && first <= 120, "first " + first);
        assertTrue(second >= 160 && second <= 240, "second " + second);
        long last = 0;
        for (int i = 0; i < 50; i++) {
            last = backoff.nextDelayMillis();
            assertTrue(last <= Backoff.MAX_MILLIS, "capped: " + last);
        }
        assertTrue(last >= Backoff.MAX_MILLIS * 8 / 10, "reaches the cap: " + last);
        backoff.reset();
        assertTrue(backoff.nextDelayMillis() <= 120);
    }
}
