package io.edgegw.core.usage;

import io.edgegw.core.config.BillingIncrement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.edgegw.core.usage.Plans.assertAmount;
import static io.edgegw.core.usage.Plans.assertPresented;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CallRatingTest {
    private final Rater rater = Plans.rater();

    @ParameterizedTest(name = "{0} s is billed {1} s at 60/60, {2} s at 1/1, {3} s at 60/1")
    @CsvSource({
            // seconds, 60/60, 1/1, 60/1: nothing for a call of no seconds; a first increment begun is billed whole
            "0, 0, 0, 0",
            "1, 60, 1, 60",
            "59, 60, 59, 60",
            "60, 60, 60, 60",
            "61, 120, 61, 61",
            "3600, 3600, 3600, 3600",
            "3601, 3660, 3601, 3601"})
    void billingIncrementsRoundUpToTheirSteps(long seconds, long perMinute, long perSecond, long minuteThenSecond) {
        assertEquals(perMinute, new BillingIncrement(60, 60).billedSeconds(seconds));
        assertEquals(perSecond, new BillingIncrement(1, 1).billedSeconds(seconds));
        assertEquals(minuteThenSecond, new BillingIncrement(60, 1).billedSeconds(seconds));
    }

    @Test
    void aCallIsPricedPerMinuteByTheIncrementOfItsPrefix() {
        // to 33 ("" : 0.0200/min, 60/60): 61 s is billed 120 s = 2 min: 0.0400
        CallRating anywhere = rater.call("acme", 61, "33612345678", "telco-a");
        assertEquals(120, anywhere.billedSeconds());
        assertAmount("2.4", anywhere.amountTimes60()); // 0.0200 x 120
        assertPresented("0.04", anywhere.amount());
        // to 44 (0.0100/min, 1/1): 61 s billed 61 s: 61 x 0.0100 / 60 = 0.010166..., presented 0.01
        CallRating uk = rater.call("acme", 61, "447700900123", "telco-a");
        assertEquals(61, uk.billedSeconds());
        assertAmount("0.61", uk.amountTimes60());
        assertPresented("0.01", uk.amount());
        // to 1 (0.0090/min, 60/1): 1 s billed 60 s: 0.0090; 61 s billed 61 s: 0.00915
        assertEquals(60, rater.call("acme", 1, "12025550100", "telco-a").billedSeconds());
        assertAmount("0.549", rater.call("acme", 61, "12025550100", "telco-a").amountTimes60());
        // an hour to 33: 60 min x 0.0200 = 1.20
        assertPresented("1.20", rater.call("acme", 3600, "33612345678", "telco-a").amount());
        // no seconds, nothing billed, nothing owed
        CallRating none = rater.call("acme", 0, "33612345678", "telco-a");
        assertEquals(0, none.billedSeconds());
        assertPresented("0.00", none.amount());
    }

    @Test
    void theCarrierBillsTheSameCallByItsOwnIncrement() {
        // 61 s to 33: the plan bills 120 s (60/60) at 0.0200 = 0.0400; telco-a bills 61 s (1/1) at 0.0060 = 0.0061;
        // margin exact 0.0339, presented 0.03
        CallRating r = rater.call("acme", 61, "33612345678", "telco-a");
        assertEquals(61, r.costBilledSeconds());
        assertAmount("0.366", r.costTimes60());
        assertPresented("0.01", r.cost());
        assertPresented("0.03", r.margin());
        // a carrier without a voice list costs nothing; one without costs at all is unknown
        assertPresented("0.00", rater.call("acme", 61, "33612345678", "telco-usd").cost());
        assertNull(rater.call("acme", 61, "33612345678", "telco-x").cost());
        assertNull(rater.call("acme", 61, "33612345678", "telco-x").margin());
    }

    @Test
    void perSecondAmountsWithNoExactDecimalAreRoundedOnlyWhenPresented() {
        // 7 s to 44 at 0.0100/min, 1/1: 7 x 0.0100 / 60 = 0.0011666... (no exact decimal), presented 0.00
        CallRating one = rater.call("acme", 7, "447700900123", null);
        assertAmount("0.07", one.amountTimes60());
        assertPresented("0.00", one.amount());
        // 600 such calls: 600 x 0.07 / 60 = 0.70 exactly, where rounding each call first would give 0.00
        MonthlyUsage usage = new MonthlyUsage("acme", rater);
        for (int i = 0; i < 600; i++) {
            usage.call(0, 7, "447700900123", null);
        }
        assertPresented("0.70", usage.totals().amount());
        assertEquals(4200, usage.totals().billedSeconds());
        // 61 s to 1 at 0.0090/min, 60/1: 0.00915 exactly; half-even at EUR's 2 places: 0.01 (the 9 rounds up)
        assertPresented("0.01", rater.call("acme", 61, "12025550100", null).amount());
    }
}
