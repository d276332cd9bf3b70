package io.edgegw.core.config;

/**
 * A carrier's SIP trunk: where calls routed to the carrier are sent. {@code transport} is udp or tcp.
 *
 * @param maxCallsPerSecond new calls per second sent to it (GCRA); at the cap it is skipped for the next; 0 = no limit
 * @param channels          calls it may carry at once (being set up or answered); when all are taken it is skipped;
 *                          0 = no limit
 * @param probe             how it is probed with OPTIONS (never null)
 */
public record SipTrunkConfig(String host, int port, String transport, int maxCallsPerSecond, int channels,
                             SipProbeConfig probe) {
    public SipTrunkConfig {
        if (probe == null) {
            probe = SipProbeConfig.DEFAULTS;
        }
    }

    /** A trunk probed with the default OPTIONS policy. */
    public SipTrunkConfig(String host, int port, String transport, int maxCallsPerSecond, int channels) {
        this(host, port, transport, maxCallsPerSecond, channels, SipProbeConfig.DEFAULTS);
    }

    /** A trunk without limits, probed with the default OPTIONS policy. */
    public SipTrunkConfig(String host, int port, String transport) {
        this(host, port, transport, 0, 0, SipProbeConfig.DEFAULTS);
    }

    @Override
    public String toString() {
        return host + ":" + port + ";transport=" + transport;
    }
}
