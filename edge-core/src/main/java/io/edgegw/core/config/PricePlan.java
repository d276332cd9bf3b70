package io.edgegw.core.config;

import java.util.Currency;
import java.util.List;

/**
 * A tenant price plan ({@code pricing.plans[]}): what a tenant pays, in one currency. The loader sees that each
 * non-empty list holds a {@code ""} prefix, so every destination has a price; an empty list prices that service at
 * nothing.
 *
 * @param sms   outbound (MT) price per segment by destination prefix, before the volume tier's multiplier
 * @param smsMo inbound (MO) price per segment by the number it was sent to; no tiers
 * @param tiers ascending by {@code from}, the first from 0; they count and discount outbound segments only
 * @param voice outbound call price per minute by destination prefix, each with its billing increment
 */
public record PricePlan(String id, Currency currency, List<PrefixPrice> sms, List<PrefixPrice> smsMo,
                        List<VolumeTier> tiers, List<PrefixPrice> voice) {
    public PricePlan {
        sms = List.copyOf(sms);
        smsMo = List.copyOf(smsMo);
        tiers = tiers.isEmpty() ? List.of(VolumeTier.FLAT) : List.copyOf(tiers);
        voice = List.copyOf(voice);
    }
}
