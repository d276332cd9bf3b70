package io.edgegw.core.config;

import java.util.List;

/**
 * A connector's part of the configuration, found with {@link java.util.ServiceLoader}: its own top-level section and
 * its own keys on tenants and carriers. The core parses nothing of it; it hands the section the raw nodes (whose
 * errors name the field path, as the core's do) and keeps what comes back as opaque typed extensions:
 * {@link GatewayConfig#section(Class)}, {@link TenantConfig#extension(Class)}, {@link CarrierConfig#extension(Class)}.
 * The keys a section declares are the only ones the loader accepts for it, so a misspelt key is still refused.
 *
 * @param <T> the immutable record of the top-level section
 */
public interface ConfigSection<T> {
    /** The top-level key, e.g. the connector's protocol name. */
    String name();

    /** The record {@link #section} returns, the key under which the core keeps it. */
    Class<T> type();

    /** The section's record; {@code node} is an empty mapping when the file has no such section. */
    T section(ConfigNode node);

    /** The keys this section adds to each tenant. */
    default List<String> tenantKeys() {
        return List.of();
    }

    /**
     * Each tenant's extension, in order (an element null when that tenant uses none of {@link #tenantKeys()}).
     * All tenants at once, so that checks across tenants (unique names) can be made.
     */
    default List<Object> tenants(List<ConfigNode> tenants) {
        return tenants.stream().map(t -> (Object) null).toList();
    }

    /** The keys this section adds to each carrier (a carrier with one needs no SMPP endpoint). */
    default List<String> carrierKeys() {
        return List.of();
    }

    /** A carrier's extension, or null when it uses none of {@link #carrierKeys()}. */
    default Object carrier(ConfigNode carrier) {
        return null;
    }

    /**
     * Refuses a limit of this section's that cannot be split over {@code cluster}'s instances (see
     * {@link ClusterConfig#checkSplit}), once the {@code cluster} section is read: the nodes and records of the
     * tenants and carriers in order, their extensions read. Nothing by default.
     */
    default void checkSplits(ClusterConfig cluster, List<ConfigNode> tenantNodes, List<TenantConfig> tenants,
                             List<ConfigNode> carrierNodes, List<CarrierConfig> carriers) {
    }
}
