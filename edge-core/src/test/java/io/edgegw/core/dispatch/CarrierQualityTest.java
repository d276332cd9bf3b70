package io.edgegw.core.dispatch;

import io.edgegw.core.config.QualityConfig;
import io.edgegw.core.testing.GatewayConfigs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The carrier quality state machine, driven with explicit times. */
class CarrierQualityTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long REST = QualityConfig.DEFAULTS.restSeconds() * SECOND;

    @Test
    void aFailingCarrierRestsThenIsProbedWithAGrowingTrickleThenComesBack() {
        CarrierQuality q = new CarrierQuality("telco", QualityConfig.DEFAULTS);
        long t = 1_000 * SECOND;
        for (int i = 0; i < 100; i++) {
            q.answered(true, 1_000_000, t);
        }
        assertEquals(DestinationState.ACTIVE, q.state());
        assertTrue(q.mayTake(t));
        int answers = 0;
        while (q.state() == DestinationState.ACTIVE) { // half its answers fail
            q.answered(answers++ % 2 == 0, 1_000_000, t);
        }
        assertEquals(DestinationState.INACTIVE, q.state());
        assertTrue(answers < 100, "found out after " + answers + " answers");
        assertFalse(q.mayTake(t + REST - 1), "resting");
        t += REST;
        assertTrue(q.mayTake(t));
        assertEquals(DestinationState.PROBING, q.state());
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
        while (q.state() == DestinationState.PROBING && at < t + 20 * SECOND) {
            if (q.mayTake(at)) {
                q.sent();
                q.answered(true, 1_000_000, at);
            }
            at += SECOND / 1000;
        }
        assertEquals(DestinationState.ACTIVE, q.state());
        assertTrue(at - t >= 5 * SECOND, "back gradually: " + (at - t) / 1e9 + " s of probing");
    }

    @Test
    void aProbedCarrierThatStillFailsRestsAgain() {
        CarrierQuality q = new CarrierQuality("telco", QualityConfig.DEFAULTS);
        long t = 1_000 * SECOND;
        while (q.state() == DestinationState.ACTIVE) {
            q.answered(false, 0, t);
        }
        t += REST;
        assertTrue(q.mayTake(t));
        for (int i = 0; i < 40 && q.state() == DestinationState.PROBING; i++) {
            q.answered(false, 0, t);
        }
        assertEquals(DestinationState.INACTIVE, q.state());
        assertFalse(q.mayTake(t + SECOND));
    }

    @Test
    void aFewFailuresDoNotDecideBeforeEnoughAnswers() {
        CarrierQuality q = new CarrierQuality("telco", QualityConfig.DEFAULTS);
        for (int i = 0; i < QualityConfig.DEFAULTS.minSamples() - 1; i++) {
            q.answered(false, 0, 0);
        }
        assertEquals(DestinationState.ACTIVE, q.state(), "not before MIN_SAMPLES answers");
        q.answered(false, 0, 0);
        assertEquals(DestinationState.INACTIVE, q.state());
    }

    @Test
    void aCarrierWhoseReceiptsSayUndeliveredGoesInactiveWhenAReceiptFloorIsSet() {
        QualityConfig withFloor = GatewayConfigs.quality().minDeliveredRatio(0.5).build();
        CarrierQuality q = new CarrierQuality("grey", withFloor);
        CarrierQuality unchecked = new CarrierQuality("grey", QualityConfig.DEFAULTS);
        long t = 1_000 * SECOND;
        int receipts = 0;
        while (q.state() == DestinationState.ACTIVE && receipts < 1_000) {
            q.answered(true, 1_000_000, t); // it takes every message...
            unchecked.answered(true, 1_000_000, t);
            boolean delivered = receipts++ % 5 == 0; // ...and delivers one in five
            q.receipted(delivered, t);
            unchecked.receipted(delivered, t);
        }
        assertEquals(DestinationState.INACTIVE, q.state());
        assertTrue(q.delivered() < 0.5, "delivered share " + q.delivered());
        assertEquals(DestinationState.ACTIVE, unchecked.state(), "without a floor receipts only inform");
        // while probing, receipts still decide: failing ones send it back to rest
        t += REST;
        assertTrue(q.mayTake(t));
        assertEquals(DestinationState.PROBING, q.state());
        for (int i = 0; i < 40 && q.state() == DestinationState.PROBING; i++) {
            q.receipted(false, t);
        }
        assertEquals(DestinationState.INACTIVE, q.state());
    }

    @Test
    void configuredThresholdsAreTheOnesUsed() {
        QualityConfig strict = GatewayConfigs.quality().successRatios(0.95, 0.99).minSamples(5).restSeconds(2).build();
        CarrierQuality q = new CarrierQuality("telco", strict);
        long t = 1_000 * SECOND;
        for (int i = 0; i < 4; i++) {
            q.answered(i >= 2, 0, t); // two failures first: the average is below 95% from then on
        }
        assertEquals(DestinationState.ACTIVE, q.state(), "not before 5 answers");
        q.answered(true, 0, t);
        assertEquals(DestinationState.INACTIVE, q.state());
        assertFalse(q.mayTake(t + 2 * SECOND - 1));
        assertTrue(q.mayTake(t + 2 * SECOND), "rests 2 s as configured");
    }
}
