package io.edgegw.core.usage;

import org.junit.jupiter.api.Test;

import java.util.Currency;

import static io.edgegw.core.usage.Plans.assertAmount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RaterTest {
    private final Rater rater = Plans.rater();

    @Test
    void theLongestPrefixSetsThePricePerSegment() {
        // 447... matches "", "44" and "447": 0.0350; 441... only "" and "44": 0.0400; 33... only "": 0.0500
        assertAmount("0.0350", rater.sms("acme", Direction.MT, 1, "447700900123", "telco-a", 0).amount());
        assertAmount("0.0400", rater.sms("acme", Direction.MT, 1, "441632960000", "telco-a", 0).amount());
        assertAmount("0.0500", rater.sms("acme", Direction.MT, 1, "33612345678", "telco-a", 0).amount());
        // a leading '+' is not a digit and is skipped, as in routing
        assertAmount("0.0350", rater.sms("acme", Direction.MT, 1, "+447700900123", "telco-a", 0).amount());
        // 3 segments are 3 times one: 3 x 0.0350 = 0.1050
        assertAmount("0.1050", rater.sms("acme", Direction.MT, 3, "447700900123", "telco-a", 0).amount());
    }

    @Test
    void anEventStraddlingATierBoundaryIsSplitAtTheSegmentThatCrossesIt() {
        // 149,998 before, 5 segments: #149,999 and #150,000 at x1 (2), #150,001-#150,003 at x0.8 (2.4):
        // 4.4 x 0.0350 = 0.1540
        assertAmount("0.1540", rater.sms("acme", Direction.MT, 5, "447700900123", "telco-a", 149_998).amount());
        // the 150,000th segment is still full price: 1 x 0.0350
        assertAmount("0.0350", rater.sms("acme", Direction.MT, 1, "447700900123", "telco-a", 149_999).amount());
        // the 150,001st is the first at x0.8: 0.0350 x 0.8 = 0.0280
        assertAmount("0.0280", rater.sms("acme", Direction.MT, 1, "447700900123", "telco-a", 150_000).amount());
        // across two boundaries at once, to 33 (0.0500): #150,000 at x1 (1) + #150,001-#1,000,000 at x0.8
        // (850,000 x 0.8 = 680,000) + #1,000,001-#1,000,002 at x0.5 (1) = 680,002 x 0.0500 = 34,000.1
        assertAmount("34000.1", rater.sms("acme", Direction.MT, 850_003, "33612345678", null, 149_999).amount());
        // past the last boundary everything is x0.5: 2 x 0.0500 x 0.5 = 0.0500
        assertAmount("0.0500", rater.sms("acme", Direction.MT, 2, "33612345678", null, 5_000_000).amount());
    }

    @Test
    void moIsPricedByItsOwnListAndNeverTiered() {
        // MO: 2 x 0.0050 = 0.0100 whatever the month's MT volume; telco-a's MO cost 2 x 0.0010 = 0.0020
        SmsRating mo = rater.sms("acme", Direction.MO, 2, "447700900001", "telco-a", 2_000_000);
        assertAmount("0.0100", mo.amount());
        assertAmount("0.0020", mo.cost());
        assertAmount("0.0080", mo.margin());
        // the same segments outbound at that volume: 2 x 0.0350 x 0.5 = 0.0350
        assertAmount("0.0350", rater.sms("acme", Direction.MT, 2, "447700900001", "telco-a", 2_000_000).amount());
    }

    @Test
    void theCarriersCostIsByItsOwnPrefixesAndTheMarginIsTheDifference() {
        // to 447: amount 3 x 0.0350 = 0.1050, telco-a's cost 3 x 0.0250 = 0.0750, margin 0.0300
        SmsRating r = rater.sms("acme", Direction.MT, 3, "447700900123", "telco-a", 0);
        assertAmount("0.0750", r.cost());
        assertEquals(Currency.getInstance("EUR"), r.costCurrency());
        assertAmount("0.0300", r.margin());
        // to 44 but not 447: telco-a has no "44", so its "" cost 0.0300; amount 0.0400, margin 0.0100
        assertAmount("0.0100", rater.sms("acme", Direction.MT, 1, "441632960000", "telco-a", 0).margin());
        // the tier discounts the amount, never the carrier's cost: 0.0280 - 0.0250 = 0.0030
        assertAmount("0.0030", rater.sms("acme", Direction.MT, 1, "447700900123", "telco-a", 150_000).margin());
    }

    @Test
    void aCostInAnotherCurrencyOrUnknownGivesNoMargin() {
        SmsRating usd = rater.sms("acme", Direction.MT, 1, "447700900123", "telco-usd", 0);
        assertAmount("0.0200", usd.cost());
        assertEquals(Currency.getInstance("USD"), usd.costCurrency());
        assertNull(usd.margin());
        SmsRating unknown = rater.sms("acme", Direction.MT, 1, "447700900123", "telco-x", 0);
        assertAmount("0.0350", unknown.amount());
        assertNull(unknown.cost());
        assertNull(unknown.margin());
        // a carrier with costs but no MO list takes nothing for MO
        assertAmount("0", rater.sms("acme", Direction.MO, 1, "447700900001", "telco-usd", 0).cost());
    }

    @Test
    void aTenantWithoutAPlanIsNotRated() {
        assertNull(rater.sms("globex", Direction.MT, 1, "447700900123", "telco-a", 0));
        assertNull(rater.call("globex", 60, "447700900123", "telco-a"));
        assertNull(rater.plan("globex"));
        assertEquals("standard", rater.plan("acme").id());
    }

    @Test
    void theTierReachedIsTheTierOfTheLastSegment() {
        assertEquals(0, rater.tierReached("acme", 0));
        assertEquals(0, rater.tierReached("acme", 150_000));
        assertEquals(1, rater.tierReached("acme", 150_001));
        assertEquals(1, rater.tierReached("acme", 1_000_000));
        assertEquals(2, rater.tierReached("acme", 1_000_001));
    }
}
