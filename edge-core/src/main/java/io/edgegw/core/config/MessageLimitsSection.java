package io.edgegw.core.config;

import java.util.List;

/** {@code messageLimits}, and a tenant's own keys of the same names over them. */
final class MessageLimitsSection {
    static final List<String> KEYS = List.of("maxMessageAgeSeconds", "maxSubmitAttempts", "maxDeliveryAttempts",
            "defaultValiditySeconds", "maxScheduleAheadSeconds");

    private MessageLimitsSection() {
    }

    /** The gateway-wide section. */
    static MessageLimits read(ConfigNode o) {
        o.only(KEYS);
        return over(o, MessageLimits.DEFAULTS);
    }

    /** The keys of {@code o} (the section, or a tenant) over {@code d}: fields left out keep {@code d}'s. */
    static MessageLimits over(ConfigNode o, MessageLimits d) {
        return new MessageLimits(o.integer("maxMessageAgeSeconds", d.maxMessageAgeSeconds(), 1, 366 * 86_400),
                o.integer("maxSubmitAttempts", d.maxSubmitAttempts(), 1, 1000),
                o.integer("maxDeliveryAttempts", d.maxDeliveryAttempts(), 1, 1000),
                o.integer("defaultValiditySeconds", d.defaultValiditySeconds(), 0, 366 * 86_400),
                o.integer("maxScheduleAheadSeconds", d.maxScheduleAheadSeconds(), 1, 366 * 86_400));
    }
}
