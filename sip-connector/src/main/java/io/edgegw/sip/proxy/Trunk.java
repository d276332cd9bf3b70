package io.edgegw.sip.proxy;

import io.edgegw.core.config.QualityConfig;
import io.edgegw.sip.config.SipTrunkConfig;
import io.edgegw.sipstack.transport.Peer;

/**
 * One carrier's SIP trunk as a call's candidate, with its channels and call rate, its health, and where its requests
 * go ({@code peer}, resolved once at start).
 */
record Trunk(String carrierId, SipTrunkConfig address, CallLimit limit, TrunkHealth health, Peer peer) {
    Trunk(String carrierId, SipTrunkConfig address, QualityConfig quality) {
        this(carrierId, address, new CallLimit(address.maxCallsPerSecond(), address.channels()),
                new TrunkHealth(carrierId, address.probe(), quality), Hops.peerOf(address));
    }

    Trunk(String carrierId, SipTrunkConfig address) {
        this(carrierId, address, QualityConfig.DEFAULTS);
    }

    @Override
    public String toString() {
        return carrierId + " (" + address + ")";
    }
}
