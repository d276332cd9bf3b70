package io.edgegw.core.testing;

import io.edgegw.core.config.GatewayConfig;

import java.nio.file.Path;

/**
 * Where tests start building config: small builders that default everything a test does not care about, so a test
 * says only what matters to it ({@code GatewayConfigs.tenant("acme").window(10).build()}). Defaults are the records'
 * own ({@code TenantConfig.DEFAULTS}, ...), except what a test on loopback needs: ephemeral ports on 127.0.0.1, a small
 * ring, no free-space floor. Shared with other modules' tests through edge-core's test-jar.
 */
public final class GatewayConfigs {
    private GatewayConfigs() {
    }

    /** A tenant whose systemId is its id and whose password is "pw". */
    public static TenantConfigBuilder tenant(String id) {
        return new TenantConfigBuilder(id);
    }

    /** A carrier without endpoints yet, binding as system_id "gw" with password "pw". */
    public static CarrierConfigBuilder carrier(String id) {
        return new CarrierConfigBuilder(id);
    }

    /** A gateway on ephemeral loopback ports with its queues in {@code queues}, no tenants, carriers or routes. */
    public static GatewayConfigBuilder gateway(Path queues) {
        return new GatewayConfigBuilder().queues(queues);
    }

    /** The same without storage (null), admin or pipeline: for connectors tested against a fake core. */
    public static GatewayConfigBuilder gatewayWithoutCore() {
        return new GatewayConfigBuilder().admin(null).pipeline(null);
    }

    /** A builder holding {@code config}'s every section, to change some. */
    public static GatewayConfigBuilder from(GatewayConfig config) {
        return new GatewayConfigBuilder(config);
    }

    /** The tenant-facing listener on an ephemeral loopback port, the rest as the record's defaults. */
    public static SmppServerConfigBuilder smpp() {
        return new SmppServerConfigBuilder();
    }

    public static QualityConfigBuilder quality() {
        return new QualityConfigBuilder();
    }

    public static BindGuardConfigBuilder bindGuard() {
        return new BindGuardConfigBuilder();
    }
}
