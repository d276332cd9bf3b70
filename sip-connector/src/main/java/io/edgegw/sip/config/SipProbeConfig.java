package io.edgegw.sip.config;

import java.util.List;

/**
 * How the SIP proxy probes a carrier's trunk with OPTIONS, as Kamailio's dispatcher does ({@code ds_ping_interval},
 * {@code ds_probing_threshold}, {@code ds_inactive_threshold}, {@code ds_ping_reply_codes}).
 *
 * @param intervalMillis between probes; a probe not answered within it failed; 0 = no probing (the trunk stays UP)
 * @param downAfter      failed probes in a row after which the trunk is DOWN (takes no new calls)
 * @param upAfter        answered probes in a row after which a DOWN trunk is UP again
 * @param replyCodes     the answers that count as alive; any other answer, or none, is a failure
 */
public record SipProbeConfig(int intervalMillis, int downAfter, int upAfter, List<Integer> replyCodes) {
    public static final SipProbeConfig DEFAULTS = new SipProbeConfig(5000, 3, 1, List.of(200));
    /** No probing at all. */
    public static final SipProbeConfig OFF = new SipProbeConfig(0, 3, 1, List.of(200));

    public SipProbeConfig {
        replyCodes = List.copyOf(replyCodes);
    }

    public boolean enabled() {
        return intervalMillis > 0;
    }
}
