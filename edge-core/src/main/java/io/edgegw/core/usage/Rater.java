package io.edgegw.core.usage;

import io.edgegw.core.config.BillingIncrement;
import io.edgegw.core.config.CarrierCost;
import io.edgegw.core.config.PricePlan;
import io.edgegw.core.config.PrefixPrice;
import io.edgegw.core.config.PricingConfig;
import io.edgegw.core.route.PrefixMap;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices usage by the {@code pricing} config: a tenant's plan gives the amount, the carrier's cost list the cost.
 * Immutable once built, so any thread may share it; lookups are longest-prefix walks that allocate nothing, and the
 * only allocation per event is the exact arithmetic ({@link BigDecimal}) and the rating record.
 * <p>
 * Volume tiers apply to outbound (MT) segments only, counted per calendar month: an event whose segments straddle a
 * tier boundary is split, each segment priced at the tier it falls in ({@link #sms}).
 */
public final class Rater {
    private final Map<String, Plan> byTenant = new HashMap<>();
    private final Map<String, Costs> byCarrier = new HashMap<>();

    public Rater(PricingConfig pricing) {
        Map<String, Plan> plans = new HashMap<>();
        for (PricePlan p : pricing.plans()) {
            plans.put(p.id(), new Plan(p));
        }
        pricing.tenantPlans().forEach((tenant, plan) -> byTenant.put(tenant, plans.get(plan)));
        pricing.carrierCosts().forEach((carrier, cost) -> byCarrier.put(carrier, new Costs(cost)));
    }

    /** The plan rating that tenant, or null when it has none (its usage is counted, not priced). */
    public PricePlan plan(String tenantId) {
        Plan p = byTenant.get(tenantId);
        return p == null ? null : p.config;
    }

    /**
     * Rates an SMS event of a tenant.
     *
     * @param destination           the handset's number for MT, the tenant's number it was sent to for MO
     * @param carrierId             the carrier that took (MT) or brought (MO) it; null or unknown: cost unknown
     * @param monthToDateBefore     the tenant's outbound segments earlier this calendar month (ignored for MO)
     * @return null when the tenant has no plan
     */
    public SmsRating sms(String tenantId, Direction direction, int segments, CharSequence destination,
                         String carrierId, long monthToDateBefore) {
        Plan plan = byTenant.get(tenantId);
        if (plan == null) {
            return null;
        }
        if (segments < 0 || monthToDateBefore < 0) {
            throw new IllegalArgumentException("segments and month-to-date must be >= 0");
        }
        BigDecimal amount;
        BigDecimal cost = null;
        Costs costs = carrierId == null ? null : byCarrier.get(carrierId);
        if (direction == Direction.MT) {
            amount = price(plan.mt, destination).multiply(plan.tieredSegments(monthToDateBefore, segments));
            if (costs != null) {
                cost = price(costs.mt, destination).multiply(BigDecimal.valueOf(segments));
            }
        } else {
            amount = price(plan.mo, destination).multiply(BigDecimal.valueOf(segments));
            if (costs != null) {
                cost = price(costs.mo, destination).multiply(BigDecimal.valueOf(segments));
            }
        }
        return new SmsRating(direction, segments, amount, plan.config.currency(), cost,
                costs == null ? null : costs.config.currency());
    }

    /** A carrier's cost of some usage, exact, in its currency. */
    public record Cost(BigDecimal amount, Currency currency) {
    }

    /**
     * What a carrier charges for {@code segments} it accepted (MT) or brought (MO) to {@code destination}: its price
     * per segment for the longest matching prefix (none matching: free, as for plans).
     *
     * @return null when the carrier has no cost list ({@code pricing.carriers})
     */
    public Cost smsCost(String carrierId, Direction direction, int segments, CharSequence destination) {
        Costs costs = carrierId == null ? null : byCarrier.get(carrierId);
        if (costs == null) {
            return null;
        }
        PrefixMap<PrefixPrice> list = direction == Direction.MT ? costs.mt : costs.mo;
        return new Cost(price(list, destination).multiply(BigDecimal.valueOf(segments)), costs.config.currency());
    }

    /**
     * Rates an answered outbound call of a tenant by its seconds from answer to hang-up.
     *
     * @return null when the tenant has no plan
     */
    public CallRating call(String tenantId, long seconds, CharSequence destination, String carrierId) {
        Plan plan = byTenant.get(tenantId);
        if (plan == null) {
            return null;
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be >= 0: " + seconds);
        }
        PrefixPrice price = plan.voice.lookup(destination);
        long billed = price == null ? 0 : price.increment().billedSeconds(seconds);
        BigDecimal amount = price == null ? BigDecimal.ZERO : price.price().multiply(BigDecimal.valueOf(billed));
        Costs costs = carrierId == null ? null : byCarrier.get(carrierId);
        long costBilled = 0;
        BigDecimal cost = null;
        if (costs != null) {
            PrefixPrice c = costs.voice.lookup(destination);
            costBilled = c == null ? 0 : c.increment().billedSeconds(seconds);
            cost = c == null ? BigDecimal.ZERO : c.price().multiply(BigDecimal.valueOf(costBilled));
        }
        return new CallRating(seconds, billed, amount, plan.config.currency(), costBilled, cost,
                costs == null ? null : costs.config.currency());
    }

    /** The currency a tenant's amounts are in, or null when it has no plan. */
    public Currency currency(String tenantId) {
        Plan p = byTenant.get(tenantId);
        return p == null ? null : p.config.currency();
    }

    /** The tier (index into the plan's tiers) of a tenant's last outbound segment after {@code segments}. */
    public int tierReached(String tenantId, long segments) {
        Plan plan = byTenant.get(tenantId);
        return plan == null ? 0 : plan.tierAt(Math.max(0, segments - 1));
    }

    /** The per-unit price of the longest prefix; an empty list (no {@code ""} entry, by the config's rule) is free. */
    private static BigDecimal price(PrefixMap<PrefixPrice> prices, CharSequence destination) {
        PrefixPrice p = prices.lookup(destination);
        return p == null ? BigDecimal.ZERO : p.price();
    }

    private static PrefixMap<PrefixPrice> prefixes(List<PrefixPrice> prices) {
        PrefixMap<PrefixPrice> map = new PrefixMap<>();
        prices.forEach(p -> map.put(p.prefix(), p));
        return map;
    }

    private static final class Plan {
        final PricePlan config;
        final PrefixMap<PrefixPrice> mt;
        final PrefixMap<PrefixPrice> mo;
        final PrefixMap<PrefixPrice> voice;
        /** Tier i covers the segments numbered tierFrom[i] + 1 to tierFrom[i + 1]. */
        final long[] tierFrom;
        final BigDecimal[] multiplier;
        final boolean flat;

        Plan(PricePlan p) {
            config = p;
            mt = prefixes(p.sms());
            mo = prefixes(p.smsMo());
            voice = prefixes(p.voice());
            tierFrom = p.tiers().stream().mapToLong(t -> t.from()).toArray();
            multiplier = p.tiers().stream().map(t -> t.multiplier()).toArray(BigDecimal[]::new);
            flat = tierFrom.length == 1 && multiplier[0].compareTo(BigDecimal.ONE) == 0;
        }

        /** The tier of the segment after {@code before} earlier ones: the last whose {@code from} is <= before. */
        int tierAt(long before) {
            int i = tierFrom.length - 1;
            while (i > 0 && tierFrom[i] > before) {
                i--;
            }
            return i;
        }

        /**
         * Σ over the tiers of (segments in that tier × its multiplier), for {@code segments} after {@code before}:
         * what the prefix price is multiplied by, exact.
         */
        BigDecimal tieredSegments(long before, long segments) {
            if (flat) {
                return BigDecimal.valueOf(segments);
            }
            BigDecimal sum = BigDecimal.ZERO;
            long position = before;
            long left = segments;
            for (int i = tierAt(before); left > 0; i++) {
                long end = i + 1 < tierFrom.length ? tierFrom[i + 1] : Long.MAX_VALUE;
                long here = Math.min(left, end - position);
                sum = sum.add(multiplier[i].multiply(BigDecimal.valueOf(here)));
                position += here;
                left -= here;
            }
            return sum;
        }
    }

    private static final class Costs {
        final CarrierCost config;
        final PrefixMap<PrefixPrice> mt;
        final PrefixMap<PrefixPrice> mo;
        final PrefixMap<PrefixPrice> voice;

        Costs(CarrierCost c) {
            config = c;
            mt = prefixes(c.sms());
            mo = prefixes(c.smsMo());
            voice = prefixes(c.voice());
        }
    }
}
