package io.edgegw.sip.proxy;

import io.edgegw.core.config.SipTrunkConfig;

/** One carrier's SIP trunk as a call's candidate, with its channels and call rate. */
record Trunk(String carrierId, SipTrunkConfig address, CallLimit limit) {
    Trunk(String carrierId, SipTrunkConfig address) {
        this(carrierId, address, new CallLimit(address.maxCallsPerSecond(), address.channels()));
    }

    @Override
    public String toString() {
        return carrierId + " (" + address + ")";
    }
}
