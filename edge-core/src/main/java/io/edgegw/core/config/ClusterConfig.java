package io.edgegw.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of several gateway instances this one is, and so its part of every limit that must hold across all of them:
 * each carrier's binds and submit rate, each tenant's binds and submit rate. Parts are dealt by ordinal so that they
 * add up to the configured value exactly ({@link #share}). One instance (the default) takes everything, as before.
 *
 * @param instance  this instance's ordinal, 0-based (on Kubernetes the StatefulSet pod's ordinal)
 * @param instances how many instances share the limits
 */
public record ClusterConfig(int instance, int instances) {
    public static final int MAX_INSTANCES = 1000;
    public static final ClusterConfig SINGLE = new ClusterConfig(0, 1);

    public ClusterConfig {
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("instances must be 1-" + MAX_INSTANCES + ": " + instances);
        }
        if (instance < 0 || instance >= instances) {
            throw new IllegalArgumentException("instance must be 0-" + (instances - 1) + ": " + instance);
        }
    }

    /**
     * This instance's part of {@code total} (at least 0): {@code total / instances}, one more for the first
     * {@code total % instances} ordinals, so the parts of all instances add up to {@code total}.
     */
    public int share(int total) {
        return split(total, instance, instances);
    }

    /** Where this instance's part starts when items {@code 0..total-1} are dealt out in ordinal order. */
    int firstOf(int total) {
        return instance * (total / instances) + Math.min(instance, total % instances);
    }

    private static int split(int total, int ordinal, int among) {
        return total / among + (ordinal < total % among ? 1 : 0);
    }

    /**
     * How many instances hold a part of {@code total} items dealt by {@link #share}: the first ones, all of them
     * unless there are fewer items than instances.
     */
    int holders(int total) {
        return Math.min(instances, total);
    }

    /**
     * A rate's part: split among the instances that can use it ({@code holders}, the first ordinals); 0 (no limit)
     * stays 0; never below 1 where the rate is set, since 0 would mean none. A rate below the number of holders is
     * refused by the loader, so the parts add up to the configured rate.
     */
    private int rateShare(int rate, int holders) {
        if (rate == 0 || instance >= holders) {
            return 0;
        }
        return Math.max(1, split(rate, instance, holders));
    }

    /**
     * This instance's part of a limit every instance enforces on all its traffic, where 0 means no limit (a tenant's
     * rate, a connector's rate or cap): 0 stays 0, else its {@link #share}, never below 1, which would mean none or
     * no limit. A set limit below the number of instances is refused by the loader ({@link #checkSplit}), so the
     * parts add up to the configured value.
     */
    public int limitShare(int limit) {
        return rateShare(limit, instances);
    }

    /**
     * Refuses {@code node}'s {@code field}, a rate or a cap split over all instances, when it is set but below the
     * number of instances: some instance's part would be 0, which means none (or, for many caps, no limit) rather
     * than its part, and the parts would not add up to the configured value. {@code each} says what an instance needs
     * at least, e.g. {@code "1 a second"}. Nothing with one instance.
     */
    public void checkSplit(ConfigNode node, String field, int value, String each) {
        if (instances > 1 && value > 0 && value < instances) {
            throw node.bad(field, "cannot be split over cluster.instances " + instances + " (each needs at least "
                    + each + "): must be 0 or at least " + instances + " (was " + value + ")");
        }
    }

    /** The tenant as this instance enforces it: its part of {@code maxBinds}, {@code submitsPerSecond} and burst. */
    public TenantConfig tenant(TenantConfig t) {
        if (instances == 1) {
            return t;
        }
        int rate = limitShare(t.submitsPerSecond());
        int burst = Math.max(1, share(t.submitBurst()));
        return t.withMaxBinds(share(t.maxBinds())).withRate(rate, rate == 0 ? t.submitBurst() : burst);
    }

    /** Every tenant as this instance enforces it ({@link #tenant}), in order. */
    public List<TenantConfig> tenants(List<TenantConfig> tenants) {
        return tenants.stream().map(this::tenant).toList();
    }

    /**
     * This instance's part of a carrier's binds and rate. The carrier's {@code endpoints × bindsPerEndpoint}
     * submitting binds are numbered {@code 0..n-1}, bind {@code k} going to endpoint {@code k mod endpoints}, so each
     * endpoint gets {@code bindsPerEndpoint} binds across the cluster; each instance holds its {@link #share} of them,
     * consecutive from {@link #firstOf}. Its rate is split among the instances holding binds.
     */
    public CarrierShare carrier(CarrierConfig c) {
        int endpoints = c.endpoints().size();
        int total = endpoints * c.bindsPerEndpoint();
        int first = firstOf(total);
        List<CarrierShare.Bind> binds = new ArrayList<>();
        for (int k = first; k < first + share(total); k++) {
            binds.add(new CarrierShare.Bind(c.endpoints().get(k % endpoints), k / endpoints + 1));
        }
        return new CarrierShare(c.id(), binds, total, rateShare(c.maxSubmitsPerSecond(), holders(total)),
                c.maxSubmitsPerSecond());
    }
}
