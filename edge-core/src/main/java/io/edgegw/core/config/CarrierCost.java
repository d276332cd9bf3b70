package io.edgegw.core.config;

import java.util.Currency;
import java.util.List;

/**
 * What a carrier charges the platform ({@code pricing.carriers.ID}), in its own currency; lists as in
 * {@link PricePlan} (a {@code ""} prefix in each non-empty one; an empty one costs nothing), no volume tiers.
 */
public record CarrierCost(String carrierId, Currency currency, List<PrefixPrice> sms, List<PrefixPrice> smsMo,
                          List<PrefixPrice> voice) {
    public CarrierCost {
        sms = List.copyOf(sms);
        smsMo = List.copyOf(smsMo);
        voice = List.copyOf(voice);
    }
}
