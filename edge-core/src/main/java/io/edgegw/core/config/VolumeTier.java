package io.edgegw.core.config;

import java.math.BigDecimal;

/**
 * A monthly volume tier of a price plan: from the segment after the {@code from}-th outbound segment of the calendar
 * month on, every outbound segment's prefix price is multiplied by {@code multiplier}.
 *
 * @param from       outbound segments already sent this month when the tier starts (the first tier: 0)
 * @param multiplier 0-1, exact: {@code 0.8} is a 20% discount
 */
public record VolumeTier(long from, BigDecimal multiplier) {
    /** The one tier of a plan that states none: every segment at its full price. */
    public static final VolumeTier FLAT = new VolumeTier(0, BigDecimal.ONE);
}
