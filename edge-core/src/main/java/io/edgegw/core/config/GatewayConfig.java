package io.edgegw.core.config;

import java.util.List;

/**
 * The whole gateway configuration, read once from YAML into immutable records.
 *
 * @param sections the connectors' own top-level sections ({@link ConfigSection}), by their record's class
 * @param shutdown how a stop drains what is in flight
 * @param pricing  tenants' price plans and carriers' costs, for rating usage
 * @param usage    metering on or off, and where usage events are exported
 * @param cluster  which instance this is of how many, and so its part of carriers' and tenants' limits
 */
public record GatewayConfig(
        SmppServerConfig smpp,
        AdminConfig admin,
        StorageConfig storage,
        PipelineConfig pipeline,
        List<TenantConfig> tenants,
        List<CarrierConfig> carriers,
        List<RouteConfig> routes,
        QualityConfig quality,
        Extensions sections,
        ShutdownConfig shutdown,
        PricingConfig pricing,
        UsageConfig usage,
        ClusterConfig cluster) {

    public GatewayConfig {
        if (sections == null) {
            sections = Extensions.NONE;
        }
        if (shutdown == null) {
            shutdown = ShutdownConfig.DEFAULTS;
        }
        if (pricing == null) {
            pricing = PricingConfig.NONE;
        }
        if (usage == null) {
            usage = UsageConfig.DEFAULTS;
        }
        if (cluster == null) {
            cluster = ClusterConfig.SINGLE;
        }
    }

    /** One instance alone. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes,
                         QualityConfig quality, Extensions sections, ShutdownConfig shutdown, PricingConfig pricing,
                         UsageConfig usage) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, shutdown, pricing, usage,
                ClusterConfig.SINGLE);
    }

    /** With the default usage settings (metered, daily files, no Kafka). */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes,
                         QualityConfig quality, Extensions sections, ShutdownConfig shutdown, PricingConfig pricing) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, shutdown, pricing,
                UsageConfig.DEFAULTS);
    }

    /** With no pricing. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes,
                         QualityConfig quality, Extensions sections, ShutdownConfig shutdown) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, shutdown,
                PricingConfig.NONE);
    }

    /** With the default shutdown settings. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes,
                         QualityConfig quality, Extensions sections) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, ShutdownConfig.DEFAULTS);
    }

    /** With no connector sections. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes,
                         QualityConfig quality) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, Extensions.NONE);
    }

    /** With the default quality thresholds and no connector sections. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, QualityConfig.DEFAULTS);
    }

    /** A connector's section of that record type, or null when none was read. */
    public <T> T section(Class<T> type) {
        return sections.get(type);
    }

    /** The same configuration with {@code section} in place of the one of its type. */
    public GatewayConfig withSection(Object section) {
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality,
                sections.with(section), shutdown, pricing, usage, cluster);
    }

    /** The same configuration with other shutdown settings. */
    public GatewayConfig withShutdown(ShutdownConfig shutdown) {
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, shutdown,
                pricing, usage, cluster);
    }

    /** The same configuration with other pricing. */
    public GatewayConfig withPricing(PricingConfig pricing) {
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, shutdown,
                pricing, usage, cluster);
    }

    /** The same configuration with other usage settings. */
    public GatewayConfig withUsage(UsageConfig usage) {
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, shutdown,
                pricing, usage, cluster);
    }

    /** The same configuration for another instance of a cluster. */
    public GatewayConfig withCluster(ClusterConfig cluster) {
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections, shutdown,
                pricing, usage, cluster);
    }
}
