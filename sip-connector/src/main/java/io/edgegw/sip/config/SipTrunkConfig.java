package io.edgegw.sip.config;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.ClusterConfig;

import java.util.List;

/**
 * A carrier's SIP trunk: where calls routed to the carrier are sent. {@code transport} is udp or tcp.
 *
 * @param maxCallsPerSecond new calls per second sent to it (GCRA); at the cap it is skipped for the next; 0 = no limit
 * @param channels          calls it may carry at once (being set up or answered); when all are taken it is skipped;
 *                          0 = no limit
 * @param sources           further addresses (CIDR blocks) the carrier sends calls from, besides {@code host:port};
 *                          an INVITE from one of them is an inbound call from this carrier
 * @param probe             how it is probed with OPTIONS (never null)
 */
public record SipTrunkConfig(String host, int port, String transport, int maxCallsPerSecond, int channels,
                             List<String> sources, SipProbeConfig probe) {
    public SipTrunkConfig {
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (probe == null) {
            probe = SipProbeConfig.DEFAULTS;
        }
    }

    /** A trunk without limits, sending only from {@code host:port}, probed with the default OPTIONS policy. */
    public SipTrunkConfig(String host, int port, String transport) {
        this(host, port, transport, 0, 0);
    }

    /** A trunk sending its calls only from {@code host:port}, probed with the default OPTIONS policy. */
    public SipTrunkConfig(String host, int port, String transport, int maxCallsPerSecond, int channels) {
        this(host, port, transport, maxCallsPerSecond, channels, List.of(), SipProbeConfig.DEFAULTS);
    }

    /** A trunk also sending from {@code sources}, probed with the default OPTIONS policy. */
    public SipTrunkConfig(String host, int port, String transport, int maxCallsPerSecond, int channels,
                          List<String> sources) {
        this(host, port, transport, maxCallsPerSecond, channels, sources, SipProbeConfig.DEFAULTS);
    }

    /** A trunk sending its calls only from {@code host:port}, probed as {@code probe} says. */
    public SipTrunkConfig(String host, int port, String transport, int maxCallsPerSecond, int channels,
                          SipProbeConfig probe) {
        this(host, port, transport, maxCallsPerSecond, channels, List.of(), probe);
    }

    /**
     * The trunk as one instance of {@code cluster} uses it: its part of {@code maxCallsPerSecond} and
     * {@code channels} (every instance sends calls to every trunk), 0 (no limit) staying 0 and a set value giving
     * each instance at least 1 (the loader refuses one below the number of instances, so the parts add up to it).
     */
    public SipTrunkConfig share(ClusterConfig cluster) {
        if (cluster.instances() == 1) {
            return this;
        }
        return new SipTrunkConfig(host, port, transport, cluster.limitShare(maxCallsPerSecond),
                cluster.limitShare(channels), sources, probe);
    }

    /** The carrier's SIP trunk, or null: calls are routed only to carriers with one. */
    public static SipTrunkConfig of(CarrierConfig carrier) {
        return carrier.extension(SipTrunkConfig.class);
    }

    @Override
    public String toString() {
        return host + ":" + port + ";transport=" + transport;
    }
}
