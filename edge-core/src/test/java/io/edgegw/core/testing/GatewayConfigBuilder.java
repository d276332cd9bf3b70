package io.edgegw.core.testing;

import io.edgegw.core.config.AdminConfig;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.ClusterConfig;
import io.edgegw.core.config.Extensions;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.PipelineConfig;
import io.edgegw.core.config.PricingConfig;
import io.edgegw.core.config.QualityConfig;
import io.edgegw.core.config.RouteConfig;
import io.edgegw.core.config.ShutdownConfig;
import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.config.UsageConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link GatewayConfig} for a test; start from {@link GatewayConfigs#gateway} or {@link GatewayConfigs#from}. */
public final class GatewayConfigBuilder {
    /** A ring small enough for many gateways in one test JVM. */
    public static final int TEST_RING_SIZE = 1024;

    private SmppServerConfig smpp = GatewayConfigs.smpp().build();
    private AdminConfig admin = new AdminConfig("127.0.0.1", 0);
    private StorageConfig storage;
    private PipelineConfig pipeline = new PipelineConfig(TEST_RING_SIZE, PipelineConfig.DEFAULTS.waitStrategy());
    private final List<TenantConfig> tenants = new ArrayList<>();
    private final List<CarrierConfig> carriers = new ArrayList<>();
    private final List<RouteConfig> routes = new ArrayList<>();
    private QualityConfig quality = QualityConfig.DEFAULTS;
    private Extensions sections = Extensions.NONE;
    private ShutdownConfig shutdown = ShutdownConfig.DEFAULTS;
    private UsageConfig usage = UsageConfig.DEFAULTS;
    private ClusterConfig cluster = ClusterConfig.SINGLE;

    GatewayConfigBuilder() {
    }

    GatewayConfigBuilder(GatewayConfig c) {
        smpp = c.smpp();
        admin = c.admin();
        storage = c.storage();
        pipeline = c.pipeline();
        tenants.addAll(c.tenants());
        carriers.addAll(c.carriers());
        routes.addAll(c.routes());
        quality = c.quality();
        sections = c.sections();
        shutdown = c.shutdown();
        usage = c.usage();
        cluster = c.cluster();
    }

    public GatewayConfigBuilder smpp(SmppServerConfig s) {
        smpp = s;
        return this;
    }

    public GatewayConfigBuilder smpp(SmppServerConfigBuilder s) {
        return smpp(s.build());
    }

    public GatewayConfigBuilder admin(AdminConfig a) {
        admin = a;
        return this;
    }

    public GatewayConfigBuilder storage(StorageConfig s) {
        storage = s;
        return this;
    }

    /** Queues in {@code dir}, no free-space floor, the default roll cycle and retention, page-cache durability. */
    public GatewayConfigBuilder queues(Path dir) {
        return storage(new StorageConfig(dir.toString(), 0));
    }

    /** A Chronicle roll cycle by name; tests may use the TEST_* ones the YAML refuses. */
    public GatewayConfigBuilder rollCycle(String name) {
        return storage(new StorageConfig(storage.dir(), storage.minFreeMegabytes(), name,
                storage.correlationRetentionHours(), storage.sync(), storage.correlationsInMemory()));
    }

    public GatewayConfigBuilder sync(StorageConfig.Sync s) {
        return storage(storage.withSync(s));
    }

    public GatewayConfigBuilder pipeline(PipelineConfig p) {
        pipeline = p;
        return this;
    }

    /** A blocking ring of {@code ringSize} slots. */
    public GatewayConfigBuilder ringSize(int ringSize) {
        return pipeline(new PipelineConfig(ringSize, PipelineConfig.DEFAULTS.waitStrategy()));
    }

    /** These tenants in place of any before. */
    public GatewayConfigBuilder tenants(List<TenantConfig> t) {
        tenants.clear();
        tenants.addAll(t);
        return this;
    }

    public GatewayConfigBuilder tenants(TenantConfig... t) {
        return tenants(List.of(t));
    }

    public GatewayConfigBuilder tenant(TenantConfigBuilder t) {
        tenants.add(t.build());
        return this;
    }

    /** These carriers in place of any before. */
    public GatewayConfigBuilder carriers(List<CarrierConfig> c) {
        carriers.clear();
        carriers.addAll(c);
        return this;
    }

    public GatewayConfigBuilder carriers(CarrierConfig... c) {
        return carriers(List.of(c));
    }

    public GatewayConfigBuilder carrier(CarrierConfigBuilder c) {
        carriers.add(c.build());
        return this;
    }

    /** These routes in place of any before. */
    public GatewayConfigBuilder routes(List<RouteConfig> r) {
        routes.clear();
        routes.addAll(r);
        return this;
    }

    public GatewayConfigBuilder routes(RouteConfig... r) {
        return routes(List.of(r));
    }

    /** One more general route: {@code prefix} to the carriers in the order given. */
    public GatewayConfigBuilder route(String prefix, String... carrierIds) {
        routes.add(new RouteConfig(prefix, List.of(carrierIds)));
        return this;
    }

    public GatewayConfigBuilder quality(QualityConfig q) {
        quality = q;
        return this;
    }

    public GatewayConfigBuilder quality(QualityConfigBuilder q) {
        return quality(q.build());
    }

    /** A connector's top-level section, in place of one of its type. */
    public GatewayConfigBuilder section(Object section) {
        sections = sections.with(section);
        return this;
    }

    public GatewayConfigBuilder shutdown(ShutdownConfig s) {
        shutdown = s;
        return this;
    }

    /** Usage metering and its exports (default: metered, daily files, no Kafka). */
    public GatewayConfigBuilder usage(UsageConfig u) {
        usage = u;
        return this;
    }

    /** Instance {@code instance} of {@code instances} sharing carriers' and tenants' limits. */
    public GatewayConfigBuilder cluster(int instance, int instances) {
        cluster = new ClusterConfig(instance, instances);
        return this;
    }

    public GatewayConfig build() {
        return new GatewayConfig(smpp, admin, storage, pipeline, List.copyOf(tenants), List.copyOf(carriers),
                List.copyOf(routes), quality, sections, shutdown, PricingConfig.NONE, usage, cluster);
    }
}
