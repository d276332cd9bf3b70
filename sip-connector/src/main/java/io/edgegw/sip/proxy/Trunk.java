package io.edgegw.sip.proxy;

import io.edgegw.core.config.QualityConfig;
import io.edgegw.core.config.SipTrunkConfig;

/** One carrier's SIP trunk as a call's candidate, with its channels and call rate, and its health. */
record Trunk(String carrierId, SipTrunkConfig address, CallLimit limit, TrunkHealth health) {
    Trunk(String carrierId, SipTrunkConfig address, QualityConfig quality) {
        this(carrierId, address, new CallLimit(address.maxCallsPerSecond(), address.channels()),
                new TrunkHealth(carrierId, address.probe(), quality));
    }

    Trunk(String carrierId, SipTrunkConfig address) {
        this(carrierId, address, QualityConfig.DEFAULTS);
    }

    @Override
    public String toString() {
        return carrierId + " (" + address + ")";
    }
}
