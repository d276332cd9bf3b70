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
        QualityConfig quality,
        SipConfig sip) {

    public GatewayConfig {
        if (sip == null) {
            sip = SipConfig.DISABLED;
        }
    }

    /** With SIP disabled. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes,
                         QualityConfig quality) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, SipConfig.DISABLED);
    }

    /** With the default quality thresholds and SIP disabled. */
    public GatewayConfig(SmppServerConfig smpp, AdminConfig admin, StorageConfig storage, PipelineConfig pipeline,
                         List<TenantConfig> tenants, List<CarrierConfig> carriers, List<RouteConfig> routes) {
        this(smpp, admin, storage, pipeline, tenants, carriers, routes, QualityConfig.DEFAULTS);
    }

    /** The same configuration with another SIP section. */
    public GatewayConfig withSip(SipConfig s) {
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, s);
    }
}
