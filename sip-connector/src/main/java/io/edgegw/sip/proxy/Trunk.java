package io.edgegw.sip.proxy;

import io.edgegw.core.config.SipTrunkConfig;

/** One carrier's SIP trunk as a call's candidate. */
record Trunk(String carrierId, SipTrunkConfig address) {
    @Override
    public String toString() {
        return carrierId + " (" + address + ")";
    }
}
