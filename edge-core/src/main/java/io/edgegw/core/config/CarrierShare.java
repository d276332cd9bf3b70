package io.edgegw.core.config;

import java.util.List;

/**
 * One instance's part of a carrier ({@link ClusterConfig#carrier}): which of its submitting binds this instance opens,
 * and the submit rate it may use of the carrier's.
 *
 * @param binds                   the submitting binds this instance opens (none: it holds no part of the carrier)
 * @param clusterBinds            the carrier's submitting binds over all instances ({@code endpoints ×
 *                                bindsPerEndpoint})
 * @param maxSubmitsPerSecond     this instance's part of the carrier's rate; 0 = no limit (or no binds here)
 * @param clusterMaxSubmitsPerSecond the carrier's {@code maxSubmitsPerSecond}; 0 = no limit
 */
public record CarrierShare(String carrierId, List<Bind> binds, int clusterBinds, int maxSubmitsPerSecond,
                           int clusterMaxSubmitsPerSecond) {
    public CarrierShare {
        binds = List.copyOf(binds);
    }

    /**
     * One submitting bind: its endpoint, and its number among that endpoint's binds across the cluster (1-based), so
     * the names of binds are unique across instances.
     */
    public record Bind(EndpointConfig endpoint, int number) {
    }
}
