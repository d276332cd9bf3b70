package io.edgegw.core.config;

import java.util.List;
import java.util.Map;

/**
 * {@code pricing}: tenants' price plans and carriers' costs, which the usage rater ({@code io.edgegw.core.usage.Rater})
 * applies. Read only; nothing here touches traffic.
 *
 * @param plans         by id, in file order
 * @param tenantPlans   tenant id to plan id; a tenant not named is not rated
 * @param carrierCosts  by carrier id; a carrier not named has an unknown cost (no margin for its traffic)
 */
public record PricingConfig(List<PricePlan> plans, Map<String, String> tenantPlans,
                            Map<String, CarrierCost> carrierCosts) {
    public static final PricingConfig NONE = new PricingConfig(List.of(), Map.of(), Map.of());

    public PricingConfig {
        plans = List.copyOf(plans);
        tenantPlans = Map.copyOf(tenantPlans);
        carrierCosts = Map.copyOf(carrierCosts);
    }

    /** The plan of that id, or null. */
    public PricePlan plan(String id) {
        for (PricePlan p : plans) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
