package io.edgegw.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the gateway YAML into immutable records, filling defaults and refusing unknown fields and bad values with
 * a {@link ConfigException} naming the field path. Walks the tree by hand ({@link ConfigNode}) rather than
 * data-binding so that every message can say exactly which field of which list element is wrong; each section has a
 * reader of its own, the connectors' sections come through {@link ConfigSection}.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> CORE_SECTIONS = List.of("smpp", "admin", "storage", "pipeline", "tenants",
            "carriers", "routes", "quality", "messageLimits", "shutdown", "pricing", "usage", "cluster");

    private ConfigLoader() {
    }

    public static GatewayConfig load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    public static GatewayConfig parse(String yaml) {
        return parse(yaml, SecretResolver.ENVIRONMENT);
    }

    /** @param secrets where {@code env:NAME} secrets are read */
    public static GatewayConfig parse(String yaml, SecretResolver secrets) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        return fromTree(root, secrets);
    }

    public static GatewayConfig fromTree(JsonNode root) {
        return fromTree(root, SecretResolver.ENVIRONMENT);
    }

    /** @param secrets where {@code env:NAME} secrets are read */
    public static GatewayConfig fromTree(JsonNode root, SecretResolver secrets) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        ConnectorSections connectors = ConnectorSections.onClassPath();
        ConfigNode top = new ConfigNode(root, "", secrets);
        top.only(connectors.topKeys(CORE_SECTIONS));
        SmppServerConfig smpp = SmppServerSection.read(top.child("smpp"));
        AdminConfig admin = AdminSection.read(top.child("admin"));
        StorageConfig storage = StorageSection.read(top.child("storage"));
        PipelineConfig pipeline = PipelineSection.read(top.child("pipeline"));
        MessageLimits limits = MessageLimitsSection.read(top.child("messageLimits"));
        List<TenantConfig> tenants = TenantsSection.read(top.list("tenants"), limits, connectors);
        List<CarrierConfig> carriers = CarriersSection.read(top.list("carriers"), connectors);
        ConfigNode clusterNode = top.child("cluster");
        ClusterConfig cluster = ClusterSection.read(clusterNode);
        ClusterSection.checkSplits(cluster, top.list("tenants"), tenants, top.list("carriers"), carriers);
        connectors.checkSplits(cluster, top.list("tenants"), tenants, top.list("carriers"), carriers);
        List<RouteConfig> routes = RoutesSection.read(top.list("routes"), tenants, carriers);
        QualityConfig quality = QualitySection.read(top.child("quality"));
        Extensions sections = connectors.topLevel(top);
        sections = sections.with(RedisSection.read(clusterNode.optionalChild("redis"))); // absent: none, no Redis
        PricingConfig pricing = PricingSection.read(top.child("pricing"), tenants, carriers);
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, sections,
                ShutdownSection.read(top.child("shutdown")), pricing, UsageSection.read(top.child("usage")), cluster);
    }
}
