package io.edgegw.core.config;

import java.util.List;

/**
 * A carrier reached over SMPP: several endpoints, {@code bindsPerEndpoint} transceiver binds to each.
 *
 * @param responseTimeoutMillis a submit_sm with no response after this long goes back to be sent again
 * @param reconnectDelayMillis  first delay before reconnecting a lost bind
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
        int reconnectDelayMillis) {
}
