package io.edgegw.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The connectors' {@link ConfigSection}s on the class path, in a stable order (by name): the keys they add at the top
 * level, to tenants and to carriers, and what they read from them. The core reads none of it itself.
 */
final class ConnectorSections {
    private final List<ConfigSection<?>> sections;

    private ConnectorSections(List<ConfigSection<?>> sections) {
        this.sections = sections;
    }

    static ConnectorSections onClassPath() {
        List<ConfigSection<?>> out = new ArrayList<>();
        ServiceLoader.load(ConfigSection.class, ConfigLoader.class.getClassLoader()).forEach(s -> out.add(s));
        out.sort(Comparator.comparing(ConfigSection::name));
        return new ConnectorSections(List.copyOf(out));
    }

    /** {@code core}'s keys followed by the connectors' top-level section names. */
    List<String> topKeys(List<String> core) {
        List<String> keys = new ArrayList<>(core);
        sections.forEach(s -> keys.add(s.name()));
        return keys;
    }

    /** {@code core}'s keys followed by those the connectors add to each tenant. */
    List<String> tenantKeys(List<String> core) {
        List<String> keys = new ArrayList<>(core);
        sections.forEach(s -> keys.addAll(s.tenantKeys()));
        return keys;
    }

    /** The keys the connectors add to each carrier (a carrier with one needs no SMPP endpoint). */
    List<String> carrierKeys() {
        List<String> keys = new ArrayList<>();
        sections.forEach(s -> keys.addAll(s.carrierKeys()));
        return keys;
    }

    /** Each connector's top-level section, read from {@code top} (an empty mapping where the file has none). */
    Extensions topLevel(ConfigNode top) {
        Extensions read = Extensions.NONE;
        for (ConfigSection<?> s : sections) {
            read = read.with(s.section(top.child(s.name())));
        }
        return read;
    }

    /** {@code tenants}, in order, each with what every connector read from its own keys. */
    List<TenantConfig> extendTenants(List<TenantConfig> tenants, List<ConfigNode> nodes) {
        List<TenantConfig> out = new ArrayList<>(tenants);
        for (ConfigSection<?> s : sections) {
            List<Object> extensions = s.tenants(nodes);
            for (int i = 0; i < out.size(); i++) {
                out.set(i, out.get(i).withExtension(extensions.get(i)));
            }
        }
        return List.copyOf(out);
    }

    /** Each connector's refusal of a limit that cannot be split over the cluster's instances. */
    void checkSplits(ClusterConfig cluster, List<ConfigNode> tenantNodes, List<TenantConfig> tenants,
                     List<ConfigNode> carrierNodes, List<CarrierConfig> carriers) {
        sections.forEach(s -> s.checkSplits(cluster, tenantNodes, tenants, carrierNodes, carriers));
    }

    /** What the connectors read from a carrier's own keys. */
    Extensions carrier(ConfigNode carrier) {
        Extensions extensions = Extensions.NONE;
        for (ConfigSection<?> s : sections) {
            extensions = extensions.with(s.carrier(carrier));
        }
        return extensions;
    }
}
