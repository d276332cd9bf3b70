package io.edgegw.core.dispatch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The carrier quality state machine, driven with explicit times. */
class CarrierQualityTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFailingCarrierRestsThenIsProbedWithAGrowingTrickleThenComesBack() {
        CarrierQuality q = new CarrierQuality("telco");
        long t = 1_000 * SECOND;
        for (int i = 0; i < 100; i++) {
            q.answered(true, 1_000_000, t);
        }
        assertEquals(CarrierQuality.State.ACTIVE, q.state());
        assertTrue(q.mayTake(t));
        int answers = 0;
        while (q.state() == CarrierQuality.State.ACTIVE) { // half its answers fail
            q.answered(answers++ % 2 == 0, 1_000_000, t);
        }
        assertEquals(CarrierQuality.State.INACTIVE, q.state());
        assertTrue(answers < 100, "found out after " + answers + " answers");
        assertFalse(q.mayTake(t + CarrierQuality.REST_NANOS - 1), "resting");
        t += CarrierQuality.REST_NANOS;
        assertTrue(q.mayTake(t));
        assertEquals(CarrierQuality.State.PROBING, q.state());
        // a trickle: about 10 a second at first, whatever is waiting
        int taken = 0;
        for (long at = t; at < t + SECOND; at += SECOND / 1000) {
            if (q.mayTake(at)) {
                q.sent();
                q.answered(true, 1_000_000, at);
                taken++;
            }
        }
        assertTrue(taken >= 5 && taken <= 15, taken + " probes in the first second");
        // good answers double the trickle every second until it is active again
        long at = t + SECOND;
        while (q.state() == CarrierQuality.State.PROBING && at < t + 20 * SECOND) {
            if (q.mayTake(at)) {
                q.sent();
                q.answered(true, 1_000_000, at);
            }
            at += SECOND / 1000;
        }
        assertEquals(CarrierQuality.State.ACTIVE, q.state());
        assertTrue(at - t >= 5 * SECOND, "back gradually: " + (at - t) / 1e9 + " s of probing");
    }

    @Test
    void aProbedCarrierThatStillFailsRestsAgain() {
        CarrierQuality q = new CarrierQuality("telco");
        long t = 1_000 * SECOND;
        while (q.state() == CarrierQuality.State.ACTIVE) {
            q.answered(false, 0, t);
        }
        t += CarrierQuality.REST_NANOS;
        assertTrue(q.mayTake(t));
        for (int i = 0; i < 40 && q.state() == CarrierQuality.State.PROBING; i++) {
            q.answered(false, 0, t);
        }
        assertEquals(CarrierQuality.State.INACTIVE, q.state());
        assertFalse(q.mayTake(t + SECOND));
    }

    @Test
    void aFewFailuresDoNotDecideBeforeEnoughAnswers() {
        CarrierQuality q = new CarrierQuality("telco");
        for (int i = 0; i < CarrierQuality.MIN_SAMPLES - 1; i++) {
            q.answered(false, 0, 0);
        }
        assertEquals(CarrierQuality.State.ACTIVE, q.state(), "not before MIN_SAMPLES answers");
        q.answered(false, 0, 0);
        assertEquals(CarrierQuality.State.INACTIVE, q.state());
    }
}
