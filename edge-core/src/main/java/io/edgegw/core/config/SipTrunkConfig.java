package io.edgegw.core.config;

/** A carrier's SIP trunk: where calls routed to the carrier are sent. {@code transport} is udp or tcp. */
public record SipTrunkConfig(String host, int port, String transport) {
    @Override
    public String toString() {
        return host + ":" + port + ";transport=" + transport;
    }
}
