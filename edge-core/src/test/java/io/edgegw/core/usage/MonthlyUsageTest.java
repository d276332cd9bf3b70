package io.edgegw.core.usage;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Map;

import static io.edgegw.core.usage.Plans.assertAmount;
import static io.edgegw.core.usage.Plans.assertPresented;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MonthlyUsageTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final String UK_MOBILE = "447700900123";
    private static final String FRANCE = "33612345678";

    private final Rater rater = Plans.rater();
    private final MonthlyUsage acme = new MonthlyUsage("acme", rater);

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void aMonthThatCrossesATierBoundaryAddsUpToTheAmountWorkedOutByHand() {
        long t = at("2027-01-05T10:00:00Z");
        // 74,999 messages of 2 segments to 447: 149,998 x 0.0350 = 5,249.93; telco-a 149,998 x 0.0250 = 3,749.95
        for (int i = 0; i < 74_999; i++) {
            acme.sms(t + i, Direction.MT, 2, UK_MOBILE, "telco-a");
        }
        // one of 5 segments across 150,000: (2 x 1 + 3 x 0.8) x 0.0350 = 0.1540; telco-a 5 x 0.0250 = 0.1250
        assertAmount("0.1540", acme.sms(t + 80_000, Direction.MT, 5, UK_MOBILE, "telco-a").amount());
        // 10 of 1 segment to 33, all past the boundary: 10 x 0.0500 x 0.8 = 0.4000; telco-a 10 x 0.0300 = 0.3000
        for (int i = 0; i < 10; i++) {
            assertAmount("0.0400", acme.sms(t + 90_000 + i, Direction.MT, 1, FRANCE, "telco-a").amount());
        }
        // 25 MO of 1 segment: 25 x 0.0050 = 0.1250; telco-a 25 x 0.0010 = 0.0250
        for (int i = 0; i < 25; i++) {
            acme.sms(t + 100_000 + i, Direction.MO, 1, "447700900001", "telco-a");
        }
        // a call of 61 s to 33: 120 s billed at 0.0200/min = 0.0400; telco-a 61 s at 0.0060/min = 0.0061
        acme.call(t + 200_000, 61, FRANCE, "telco-a");

        UsageTotals jan = acme.totals();
        assertEquals(YearMonth.of(2027, 1), jan.month());
        assertEquals(75_010, jan.messages());
        assertEquals(150_013, jan.segments());
        assertEquals(25, jan.moMessages());
        assertEquals(25, jan.moSegments());
        assertEquals(1, jan.calls());
        assertEquals(120, jan.billedSeconds());
        assertEquals(1, jan.tier());
        // amount 5,249.93 + 0.154 + 0.4 + 0.125 + 0.04 = 5,250.649 -> 5,250.65
        assertPresented("5250.65", jan.amount());
        assertEquals(EUR, jan.currency());
        // cost 3,749.95 + 0.125 + 0.3 + 0.025 + 0.0061 = 3,750.4061 -> 3,750.41
        assertEquals(Map.of(EUR, new BigDecimal("3750.41")), jan.costs());
        // margin exact 5,250.649 - 3,750.4061 = 1,500.2429 -> 1,500.24 (not 5,250.65 - 3,750.41 = 1,500.24 by luck:
        // it is computed from the exact sums)
        assertPresented("1500.24", jan.margin());
        assertEquals(0, jan.costUnknown());
    }

    @Test
    void totalsAreRoundedHalfEvenOnceFromTheExactSum() {
        // 25 MO segments: 0.1250 -> 0.12 (half-even; half-up would say 0.13); cost 0.0250 -> 0.02; margin 0.1000
        for (int i = 0; i < 25; i++) {
            acme.sms(at("2027-03-01T00:00:00Z"), Direction.MO, 1, "447700900001", "telco-a");
        }
        UsageTotals t = acme.totals();
        assertPresented("0.12", t.amount());
        assertEquals(Map.of(EUR, new BigDecimal("0.02")), t.costs());
        assertPresented("0.10", t.margin());
        // one more: 0.1300 -> 0.13, cost 0.0260 -> 0.03
        acme.sms(at("2027-03-01T00:00:00Z"), Direction.MO, 1, "447700900001", "telco-a");
        assertPresented("0.13", acme.totals().amount());
    }

    @Test
    void aNewCalendarMonthInUtcStartsTheTiersAgain() {
        // January ends at tier 1: 150,000 segments at 0.0350 = 5,250.00, then the 150,001st at 0.0280
        assertAmount("5250", acme.sms(at("2027-01-31T12:00:00Z"), Direction.MT, 150_000, UK_MOBILE, "telco-a")
                .amount());
        assertAmount("0.0280", acme.sms(at("2027-01-31T23:59:59.999Z"), Direction.MT, 1, UK_MOBILE, "telco-a")
                .amount());
        // February 1st 00:00:00.000 UTC: full price again
        assertAmount("0.0350", acme.sms(at("2027-02-01T00:00:00Z"), Direction.MT, 1, UK_MOBILE, "telco-a").amount());
        UsageTotals feb = acme.totals();
        assertEquals(YearMonth.of(2027, 2), feb.month());
        assertEquals(1, feb.segments());
        assertEquals(0, feb.tier());
        assertPresented("0.04", feb.amount()); // 0.0350 half-even: the 3 is odd, so up

        // a January event arriving after February began still counts in January, at January's tier
        assertAmount("0.0280", acme.sms(at("2027-01-31T23:59:59.999Z"), Direction.MT, 1, UK_MOBILE, "telco-a")
                .amount());
        UsageTotals jan = acme.totals(YearMonth.of(2027, 1));
        assertEquals(150_002, jan.segments());
        assertPresented("5250.06", jan.amount()); // 5,250 + 0.028 + 0.028 = 5,250.056
        assertEquals(1, acme.totals().segments());

        // one older than the month just closed is not counted anywhere
        assertNull(acme.sms(at("2026-12-31T23:00:00Z"), Direction.MT, 1, UK_MOBILE, "telco-a"));
        assertEquals(1, acme.tooLate());
        assertEquals(150_002, acme.totals(YearMonth.of(2027, 1)).segments());

        // the month is the UTC one: 23:30 on 28 February at UTC-2 is already 1 March
        long march = OffsetDateTime.parse("2027-02-28T23:30:00-02:00").toInstant().toEpochMilli();
        assertAmount("0.0350", acme.sms(march, Direction.MT, 1, UK_MOBILE, "telco-a").amount());
        assertEquals(YearMonth.of(2027, 3), acme.totals().month());
        assertEquals(1, acme.totals(YearMonth.of(2027, 2)).segments());
        assertNull(acme.totals(YearMonth.of(2027, 1)));
    }

    @Test
    void costsInAnotherCurrencyOrUnknownAreKeptApartAndLeaveNoMargin() {
        long t = at("2027-04-10T08:00:00Z");
        acme.sms(t, Direction.MT, 1, UK_MOBILE, "telco-a");   // 0.0350, cost 0.0250 EUR (-> 0.02, half-even)
        acme.sms(t, Direction.MT, 1, UK_MOBILE, "telco-usd"); // 0.0350, cost 0.0200 USD
        UsageTotals mixed = acme.totals();
        assertPresented("0.07", mixed.amount());
        assertEquals(Map.of(EUR, new BigDecimal("0.02"), USD, new BigDecimal("0.02")),
                mixed.costs());
        assertNull(mixed.margin());

        MonthlyUsage unknown = new MonthlyUsage("acme", rater);
        unknown.sms(t, Direction.MT, 1, UK_MOBILE, "telco-a");
        unknown.sms(t, Direction.MT, 1, UK_MOBILE, "telco-x");
        unknown.call(t, 30, FRANCE, null);
        assertEquals(2, unknown.totals().costUnknown());
        assertNull(unknown.totals().margin());
    }

    @Test
    void aMessageTwoCarriersAcceptedCostsWhatEachCharges() {
        long t = at("2027-05-02T09:00:00Z");
        // accepted: 3 segments to 447 at 0.0350 = 0.1050; no carrier yet, so no cost and none unknown
        acme.sms(t, Direction.MT, 3, UK_MOBILE, null);
        assertEquals(0, acme.totals().costUnknown());
        assertEquals(Map.of(), acme.totals().costs());
        // telco-a took it (3 x 0.0250 = 0.0750), then, after a failover, telco-usd too (3 x 0.0200 USD)
        assertAmount("0.0750", acme.routed(t + 10, "telco-a", 3, UK_MOBILE).amount());
        assertAmount("0.0600", acme.routed(t + 20, "telco-usd", 3, UK_MOBILE).amount());
        UsageTotals both = acme.totals();
        assertEquals(1, both.messages());
        assertEquals(2, both.routed());
        assertEquals(Map.of(EUR, new BigDecimal("0.08"), USD, new BigDecimal("0.06")), both.costs());
        assertNull(both.margin(), "a cost in USD: no margin without exchange rates");

        MonthlyUsage euro = new MonthlyUsage("acme", rater);
        euro.sms(t, Direction.MT, 3, UK_MOBILE, null);
        euro.routed(t + 10, "telco-a", 3, UK_MOBILE);
        euro.routed(t + 20, "telco-a", 3, UK_MOBILE); // sent again to the same carrier: paid twice
        // 0.1050 - 2 x 0.0750 = -0.0450 -> -0.04 (half-even)
        assertPresented("-0.04", euro.totals().margin());
        // a carrier without a cost list, or a message no longer found, is a cost unknown: no margin
        assertNull(euro.routed(t + 30, "telco-x", 3, UK_MOBILE));
        assertNull(euro.routed(t + 40, "telco-a", 0, ""));
        assertEquals(2, euro.totals().costUnknown());
        assertNull(euro.totals().margin());
    }

    @Test
    void aRangeOfUtcDaysSumsOnlyItsDaysAndShowsTheTierReachedByItsEnd() {
        // 150,000 segments on 5 January (tier 0 throughout), 10 on 20 January (tier 1), a call on 31 January
        acme.sms(at("2027-01-05T23:59:59.999Z"), Direction.MT, 150_000, UK_MOBILE, null);
        acme.sms(at("2027-01-20T00:00:00Z"), Direction.MT, 10, UK_MOBILE, null);
        acme.routed(at("2027-01-20T00:00:01Z"), "telco-a", 10, UK_MOBILE);
        acme.call(at("2027-01-31T12:00:00Z"), 61, FRANCE, "telco-a");
        UsageDays days = acme.days();
        UsageTotals early = days.totals("acme", rater, java.time.LocalDate.of(2027, 1, 1),
                java.time.LocalDate.of(2027, 1, 19));
        assertEquals(150_000, early.segments());
        assertEquals(0, early.tier());
        assertEquals(0, early.calls());
        assertPresented("5250.00", early.amount()); // 150,000 x 0.0350
        assertEquals(Map.of(), early.costs());
        UsageTotals late = days.totals("acme", rater, java.time.LocalDate.of(2027, 1, 20),
                java.time.LocalDate.of(2027, 1, 31));
        assertEquals(10, late.segments());
        assertEquals(1, late.tier());
        assertEquals(1, late.calls());
        assertEquals(120, late.billedSeconds());
        // 10 x 0.0350 x 0.8 = 0.28 + the call 0.04 = 0.32; cost 10 x 0.0250 + 61 s at 0.0060/min = 0.2561 -> 0.26
        assertPresented("0.32", late.amount());
        assertEquals(Map.of(EUR, new BigDecimal("0.26")), late.costs());
        assertPresented("0.06", late.margin()); // 0.32 - 0.2561 = 0.0639
        // both ranges together are the month
        UsageTotals all = days.totals("acme", rater, java.time.LocalDate.of(2027, 1, 1),
                java.time.LocalDate.of(2027, 1, 31));
        assertEquals(acme.totals().amount(), all.amount());
        assertEquals(acme.totals().segments(), all.segments());
        assertEquals(acme.totals().costs(), all.costs());
        // a later event republishes only its day; the earlier snapshot stays as it was
        acme.sms(at("2027-01-05T10:00:00Z"), Direction.MT, 1, UK_MOBILE, null);
        assertEquals(150_000, days.totals("acme", rater, java.time.LocalDate.of(2027, 1, 5),
                java.time.LocalDate.of(2027, 1, 5)).segments());
        assertEquals(150_001, acme.days().totals("acme", rater, java.time.LocalDate.of(2027, 1, 5),
                java.time.LocalDate.of(2027, 1, 5)).segments());
    }

    @Test
    void aTenantWithoutAPlanIsCountedButNotPriced() {
        MonthlyUsage globex = new MonthlyUsage("globex", rater);
        assertNull(globex.sms(at("2027-01-05T10:00:00Z"), Direction.MT, 3, UK_MOBILE, "telco-a"));
        assertNull(globex.call(at("2027-01-05T10:00:00Z"), 61, FRANCE, "telco-a"));
        UsageTotals t = globex.totals();
        assertEquals(3, t.segments());
        assertEquals(1, t.calls());
        assertNull(t.amount());
        assertNull(t.margin());
    }
}
