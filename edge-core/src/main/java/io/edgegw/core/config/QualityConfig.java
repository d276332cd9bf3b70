package io.edgegw.core.config;

/**
 * When a carrier (or a carrier on one route prefix) stops taking traffic and how it comes back: the vocabulary of
 * Kamailio's dispatcher, with a receipt floor added.
 *
 * @param minSuccessRatio      below this moving share of submit_sm answered OK it goes INACTIVE
 * @param recoveredRatio       while PROBING, the share needed for the trickle to grow
 * @param minSamples           answers (and receipts) needed before either floor decides anything
 * @param restSeconds          how long an INACTIVE carrier rests before probing
 * @param probeStartPerSecond  the probing trickle's first rate, doubling every good second
 * @param probeFullPerSecond   the trickle rate at which PROBING becomes ACTIVE again
 * @param minDeliveredRatio    below this moving share of final receipts saying DELIVRD it goes INACTIVE; 0 = off
 */
public record QualityConfig(double minSuccessRatio, double recoveredRatio, int minSamples, int restSeconds,
                            int probeStartPerSecond, int probeFullPerSecond, double minDeliveredRatio) {
    public static final QualityConfig DEFAULTS = new QualityConfig(0.7, 0.9, 20, 5, 10, 640, 0);
}
