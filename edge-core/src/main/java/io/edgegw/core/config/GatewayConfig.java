package io.edgegw.core.config;

import java.util.List;

/** The whole gateway configuration, read once from YAML into immutable records. */
public record GatewayConfig(
        SmppServerConfig smpp,
        AdminConfig admin,
        StorageConfig storage,
        PipelineConfig pipeline,
        List<TenantConfig> tenants,
        List<CarrierConfig> carriers,
        List<RouteConfig> routes,
        QualityConfig quality) {

    /** With the default quality thresholds. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, QualityConfig.DEFAULTS);
    }
}
