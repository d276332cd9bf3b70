package io.edgegw.core.config;

import java.util.List;

/**
 * A carrier reached over SMPP: several endpoints, {@code bindsPerEndpoint} transceiver binds to each.
 *
 * @param responseTimeoutMillis a submit_sm with no response after this long goes back to be sent again
 * @param reconnectDelayMillis  first delay before reconnecting a lost bind
 * @param maxSubmitsPerSecond   most submit_sm per second to this carrier over all its binds; 0 = no limit
 * @param bindMaxSubmitsPerSecond most submit_sm per second on any one bind; 0 = no limit
 */
public record CarrierConfig(
        String id,
        List<EndpointConfig> endpoints,
        int bindsPerEndpoint,
        String systemId,
        String password,
        String systemType,
        int window,
        int enquireLinkSeconds,
        int responseTimeoutMillis,
        int reconnectDelayMillis,
        int maxSubmitsPerSecond,
        int bindMaxSubmitsPerSecond) {

    /** A carrier without rate limits. */
    public CarrierConfig(String id, List<EndpointConfig> endpoints, int bindsPerEndpoint, String systemId,
                         String password, String systemType, int window, int enquireLinkSeconds,
                         int responseTimeoutMillis, int reconnectDelayMillis) {
        this(id, endpoints, bindsPerEndpoint, systemId, password, systemType, window, enquireLinkSeconds,
                responseTimeoutMillis, reconnectDelayMillis, 0, 0);
    }
}
