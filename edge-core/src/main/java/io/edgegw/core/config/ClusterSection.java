package io.edgegw.core.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cluster}: which instance this is and how many share the carriers' and tenants' limits. Nested blocks for
 * what instances share through other engines (e.g. {@code redis}) are read here too, each by a reader of its own.
 */
final class ClusterSection {
    static final List<String> KEYS = List.of("instance", "instances", "redis"); // redis: RedisSection
    /** A host name is at most 253 characters (RFC 1035); a longer value is refused before it is looked at. */
    private static final int INSTANCE_TEXT_MAX = 253;
    private static final Pattern ORDINAL = Pattern.compile("\\d{1,9}");
    /** A StatefulSet pod's name (its host name): {@code NAME-ORDINAL}. */
    private static final Pattern POD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*-(\\d{1,9})");

    private ClusterSection() {
    }

    static ClusterConfig read(ConfigNode o) {
        o.only(KEYS);
        int instances = o.integer("instances", ClusterConfig.SINGLE.instances(), 1, ClusterConfig.MAX_INSTANCES);
        int instance = ordinal(o);
        if (instance >= instances) {
            throw o.bad("instance", "must be less than cluster.instances (" + instances + "), counting from 0 (was "
                    + instance + ")");
        }
        return new ClusterConfig(instance, instances);
    }

    /**
     * {@code instance}: an ordinal, or a pod name ending in {@code -ORDINAL} (a StatefulSet's {@code edge-2}); either
     * may come from the environment ({@code env:HOSTNAME}). Not a secret: the value is shown when refused.
     */
    private static int ordinal(ConfigNode o) {
        if (!o.has("instance")) {
            return ClusterConfig.SINGLE.instance();
        }
        String v = o.secret("instance", null, 1, INSTANCE_TEXT_MAX).trim();
        Matcher plain = ORDINAL.matcher(v);
        if (plain.matches()) {
            return Integer.parseInt(v);
        }
        Matcher pod = POD_NAME.matcher(v);
        if (pod.matches()) {
            return Integer.parseInt(pod.group(1));
        }
        throw o.bad("instance", "must be an ordinal (0, 1, ...) or a pod name ending in -ORDINAL such as edge-2"
                + " (was '" + v + "')");
    }

    /**
     * Refuses a set rate that cannot be split: each instance holding a part needs at least 1 a second, else the parts
     * would not add up to it. Bind limits may leave an instance none (it then refuses or opens none).
     */
    static void checkSplits(ClusterConfig cluster, List<ConfigNode> tenantNodes, List<TenantConfig> tenants,
                            List<ConfigNode> carrierNodes, List<CarrierConfig> carriers) {
        if (cluster.instances() == 1) {
            return;
        }
        for (int i = 0; i < tenants.size(); i++) {
            cluster.checkSplit(tenantNodes.get(i), "submitsPerSecond", tenants.get(i).submitsPerSecond(), "1 a second");
        }
        for (int i = 0; i < carriers.size(); i++) {
            CarrierConfig c = carriers.get(i);
            int holders = cluster.holders(c.endpoints().size() * c.bindsPerEndpoint());
            if (c.maxSubmitsPerSecond() > 0 && c.maxSubmitsPerSecond() < holders) {
                throw carrierNodes.get(i).bad("maxSubmitsPerSecond", "cannot be split over the " + holders
                        + " instances holding its binds (each needs at least 1 a second): must be 0 or at least "
                        + holders + " (was " + c.maxSubmitsPerSecond() + ")");
            }
        }
    }
}
