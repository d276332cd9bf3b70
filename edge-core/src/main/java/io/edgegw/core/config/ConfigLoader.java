package io.edgegw.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edgegw.core.queue.RollCycleNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.edgegw.core.tenant.PasswordHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Comparator;
import java.util.ServiceLoader;

/**
 * Reads the gateway YAML into immutable records, filling defaults and refusing unknown fields and bad values with
 * a {@link ConfigException} naming the field path. Walks the tree by hand rather than data-binding so that every
 * message can say exactly which field of which list element is wrong.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** SMPP 3.4 section 5.2: system_id is a C-Octet String of at most 16 octets including the NUL. */
    private static final int SMPP_SYSTEM_ID_MAX = 15;
    private static final int SMPP_PASSWORD_MAX = 8;
    private static final int SMPP_SYSTEM_TYPE_MAX = 12;
    private static final int ID_MAX = 64;

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
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("not valid YAML: " + e.getOriginalMessage(), e);
        }
        return fromTree(root);
    }

    public static GatewayConfig fromTree(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        List<ConfigSection<?>> sections = sections();
        ConfigNode top = new ConfigNode(root, "");
        List<String> keys = new ArrayList<>(List.of("smpp", "admin", "storage", "pipeline", "tenants", "carriers",
                "routes", "quality", "messageLimits", "shutdown"));
        sections.forEach(s -> keys.add(s.name()));
        top.only(keys.toArray(String[]::new));
        SmppServerConfig smpp = smpp(top.child("smpp"));
        AdminConfig admin = admin(top.child("admin"));
        StorageConfig storage = storage(top.child("storage"));
        PipelineConfig pipeline = pipeline(top.child("pipeline"));
        ConfigNode gatewayLimits = top.child("messageLimits");
        gatewayLimits.only("maxMessageAgeSeconds", "maxSubmitAttempts", "maxDeliveryAttempts");
        MessageLimits limits = messageLimits(gatewayLimits, MessageLimits.DEFAULTS);
        List<TenantConfig> tenants = tenants(top, sections, limits);
        List<CarrierConfig> carriers = carriers(top, sections);
        List<RouteConfig> routes = routes(top, tenants, carriers);
        QualityConfig quality = quality(top.child("quality"));
        Extensions read = Extensions.NONE;
        for (ConfigSection<?> s : sections) {
            read = read.with(s.section(top.child(s.name())));
        }
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality, read,
                shutdown(top.child("shutdown")));
    }

    /** The connectors' config sections on the class path, in a stable order. */
    private static List<ConfigSection<?>> sections() {
        List<ConfigSection<?>> out = new ArrayList<>();
        ServiceLoader.load(ConfigSection.class, ConfigLoader.class.getClassLoader()).forEach(s -> out.add(s));
        out.sort(Comparator.comparing(ConfigSection::name));
        return out;
    }

    private static QualityConfig quality(ConfigNode o) {
        o.only("minSuccessRatio", "recoveredRatio", "minSamples", "restSeconds", "probeStartPerSecond",
                "probeFullPerSecond", "minDeliveredRatio");
        QualityConfig d = QualityConfig.DEFAULTS;
        double floor = o.ratio("minSuccessRatio", d.minSuccessRatio());
        double recovered = o.ratio("recoveredRatio", d.recoveredRatio());
        if (recovered < floor) {
            throw o.bad("recoveredRatio", "must be >= minSuccessRatio " + floor + " (was " + recovered + ")");
        }
        int start = o.integer("probeStartPerSecond", d.probeStartPerSecond(), 1, 1_000_000);
        int full = o.integer("probeFullPerSecond", d.probeFullPerSecond(), 1, 10_000_000);
        if (full < start) {
            throw o.bad("probeFullPerSecond", "must be >= probeStartPerSecond " + start + " (was " + full + ")");
        }
        return new QualityConfig(floor, recovered, o.integer("minSamples", d.minSamples(), 1, 1_000_000),
                o.integer("restSeconds", d.restSeconds(), 1, 86_400), start, full,
                o.ratio("minDeliveredRatio", d.minDeliveredRatio()));
    }

    /** The gateway-wide {@code messageLimits}, or a tenant's own keys over them: fields left out keep {@code d}'s. */
    private static MessageLimits messageLimits(ConfigNode o, MessageLimits d) {
        return new MessageLimits(o.integer("maxMessageAgeSeconds", d.maxMessageAgeSeconds(), 1, 366 * 86_400),
                o.integer("maxSubmitAttempts", d.maxSubmitAttempts(), 1, 1000),
                o.integer("maxDeliveryAttempts", d.maxDeliveryAttempts(), 1, 1000));
    }

    private static SmppServerConfig smpp(ConfigNode o) {
        o.only("host", "port", "maxPduBytes", "enquireLinkSeconds", "bindTimeoutSeconds", "maxConnections",
                "maxConnectionsPerSource", "stalledPeerSeconds", "bindGuard", "tls", "tlsReloadSeconds");
        int maxConnections = o.integer("maxConnections", SmppServerConfig.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
        int perSource = o.integer("maxConnectionsPerSource",
                Math.min(maxConnections, SmppServerConfig.DEFAULT_MAX_CONNECTIONS_PER_SOURCE), 1, 1_000_000);
        if (perSource > maxConnections) {
            throw o.bad("maxConnectionsPerSource", "must be <= maxConnections " + maxConnections
                    + " (was " + perSource + ")");
        }
        SmppTlsConfig tls = o.has("tls") ? smppTls(o.child("tls")) : null;
        int port = o.port("port", 2775);
        if (tls != null && !tls.only() && port != 0 && tls.port() == port) {
            throw new ConfigException(o.path("tls") + ".port: must differ from smpp.port " + port
                    + " (or set tls.only: true for a TLS listener alone)");
        }
        return new SmppServerConfig(o.text("host", "127.0.0.1", 1, 255), port,
                o.integer("maxPduBytes", 65536, 256, 16 * 1024 * 1024),
                o.integer("enquireLinkSeconds", 30, 1, 3600), o.integer("bindTimeoutSeconds", 10, 1, 3600),
                maxConnections, perSource,
                o.integer("stalledPeerSeconds", SmppServerConfig.DEFAULT_STALLED_PEER_SECONDS, 1, 3600),
                bindGuard(o.child("bindGuard")), tls,
                o.integer("tlsReloadSeconds", SmppServerConfig.DEFAULT_TLS_RELOAD_SECONDS, 0, 86_400));
    }

    /** {@code smpp.tls}: the key names and meanings of {@code sip.tls}, plus the handshake bound and TLS-only. */
    private static SmppTlsConfig smppTls(ConfigNode o) {
        o.only("port", "certificate", "privateKey", "clientAuth", "trustedCertificates", "handshakeTimeoutSeconds",
                "only");
        String authName = o.text("clientAuth", TlsClientAuth.NONE.yamlName(), 1, 16);
        TlsClientAuth clientAuth = TlsClientAuth.fromYaml(authName);
        if (clientAuth == null) {
            throw o.bad("clientAuth", "must be one of " + TlsClientAuth.yamlNames() + " (was '" + authName + "')");
        }
        String trusted = o.has("trustedCertificates") ? o.required("trustedCertificates", 4096) : null;
        if (clientAuth != TlsClientAuth.NONE && trusted == null) {
            throw o.bad("trustedCertificates", "is required when clientAuth is " + authName);
        }
        return new SmppTlsConfig(o.port("port", SmppTlsConfig.DEFAULT_PORT), o.required("certificate", 4096),
                o.required("privateKey", 4096), clientAuth, trusted,
                o.integer("handshakeTimeoutSeconds", SmppTlsConfig.DEFAULT_HANDSHAKE_TIMEOUT_SECONDS, 1, 300),
                o.bool("only", false));
    }

    /** {@code carriers[].tls}: the trust and client certificate for the carrier's TLS endpoints. */
    private static CarrierTlsConfig carrierTls(ConfigNode o) {
        o.only("trustedCertificates", "certificate", "privateKey", "verifyHostname");
        String certificate = o.has("certificate") ? o.required("certificate", 4096) : null;
        String key = o.has("privateKey") ? o.required("privateKey", 4096) : null;
        if ((certificate == null) != (key == null)) {
            throw o.bad(certificate == null ? "certificate" : "privateKey",
                    "certificate and privateKey go together: give both or neither");
        }
        return new CarrierTlsConfig(o.has("trustedCertificates") ? o.required("trustedCertificates", 4096) : null,
                certificate, key, o.bool("verifyHostname", true));
    }

    private static BindGuardConfig bindGuard(ConfigNode o) {
        o.only("freeFailures", "firstDelayMillis", "maxDelayMillis", "lockoutFailures", "systemIdLockoutFailures",
                "lockoutSeconds", "failuresPerSession");
        BindGuardConfig d = BindGuardConfig.DEFAULTS;
        int first = o.integer("firstDelayMillis", d.firstDelayMillis(), 1, 60_000);
        int max = o.integer("maxDelayMillis", Math.max(first, d.maxDelayMillis()), 1, 60_000);
        if (max < first) {
            throw o.bad("maxDelayMillis", "must be >= firstDelayMillis " + first + " (was " + max + ")");
        }
        return new BindGuardConfig(o.integer("freeFailures", d.freeFailures(), 0, 1000), first, max,
                o.integer("lockoutFailures", d.lockoutFailures(), 1, 1_000_000),
                o.integer("systemIdLockoutFailures", d.systemIdLockoutFailures(), 1, 1_000_000),
                o.integer("lockoutSeconds", d.lockoutSeconds(), 1, 86_400),
                o.integer("failuresPerSession", d.failuresPerSession(), 1, 100));
    }

    private static AdminConfig admin(ConfigNode o) {
        o.only("host", "port", "token", "metricsToken");
        return new AdminConfig(o.text("host", "127.0.0.1", 1, 255), o.port("port", 8080), bearerToken(o, "token"),
                bearerToken(o, "metricsToken"));
    }

    /** An HTTP bearer token: empty (none) or at least 16 characters, from the file or {@code env:NAME}. */
    private static String bearerToken(ConfigNode o, String field) {
        String token = o.secret(field, "", 0, 256);
        if (!token.isEmpty() && token.length() < 16) {
            throw o.bad(field, "must be at least 16 characters (was " + token.length() + "; its value is not shown)");
        }
        return token;
    }

    private static StorageConfig storage(ConfigNode o) {
        o.only("dir", "minFreeMegabytes", "rollCycle", "correlationRetentionHours", "sync", "correlationsInMemory");
        String rollCycle = o.text("rollCycle", StorageConfig.DEFAULT_ROLL_CYCLE, 1, 64);
        if (RollCycleNames.isForTestsOnly(rollCycle)) {
            throw o.bad("rollCycle", "'" + rollCycle + "' is a Chronicle test cycle, too small for real traffic "
                    + "(use one of: " + String.join(", ", RollCycleNames.forProduction()) + ")");
        }
        if (!RollCycleNames.isKnown(rollCycle)) {
            throw o.bad("rollCycle", "unknown roll cycle '" + rollCycle + "' (known: "
                    + String.join(", ", RollCycleNames.forProduction()) + ")");
        }
        return new StorageConfig(o.text("dir", "var/queues", 1, 4096), o.integer("minFreeMegabytes", 100, 0, 1 << 30),
                rollCycle, o.integer("correlationRetentionHours", StorageConfig.DEFAULT_CORRELATION_RETENTION_HOURS, 1,
                        24 * 3650), sync(o),
                o.integer("correlationsInMemory", StorageConfig.DEFAULT_CORRELATIONS_IN_MEMORY, 0, 100_000_000));
    }

    private static StorageConfig.Sync sync(ConfigNode o) {
        String s = o.text("sync", "none", 1, 16);
        return switch (s) {
            case "none" -> StorageConfig.Sync.NONE;
            case "batch" -> StorageConfig.Sync.BATCH;
            default -> throw o.bad("sync", "must be none or batch (was '" + s + "')");
        };
    }

    private static ShutdownConfig shutdown(ConfigNode o) {
        o.only("drainSeconds");
        return new ShutdownConfig(o.integer("drainSeconds", ShutdownConfig.DEFAULT_DRAIN_SECONDS, 0, 600));
    }

    private static PipelineConfig pipeline(ConfigNode o) {
        o.only("ringSize", "waitStrategy");
        int ring = o.integer("ringSize", 65536, 64, 1 << 24);
        if (Integer.bitCount(ring) != 1) {
            throw o.bad("ringSize", "must be a power of two (was " + ring + ")");
        }
        String wait = o.text("waitStrategy", "blocking", 1, 16);
        if (!Set.of("blocking", "sleeping", "yielding", "busyspin").contains(wait)) {
            throw o.bad("waitStrategy", "must be one of blocking, sleeping, yielding, busyspin (was '" + wait + "')");
        }
        return new PipelineConfig(ring, wait);
    }

    private static List<TenantConfig> tenants(ConfigNode top, List<ConfigSection<?>> sections, MessageLimits limits) {
        List<TenantConfig> out = new ArrayList<>();
        List<String> keys = new ArrayList<>(List.of("id", "systemId", "password", "window", "maxBinds",
                "submitsPerSecond", "submitBurst", "queueMaxMessages", "queueMaxMegabytes", "weight", "allowedSources",
                "numbers", "maxMessageAgeSeconds", "maxSubmitAttempts", "maxDeliveryAttempts"));
        sections.forEach(s -> keys.addAll(s.tenantKeys()));
        String[] known = keys.toArray(String[]::new);
        List<ConfigNode> nodes = top.list("tenants");
        Set<String> ids = new HashSet<>();
        Set<String> systemIds = new HashSet<>();
        Map<String, String> numberOwners = new HashMap<>();
        for (ConfigNode t : nodes) {
            t.only(known);
            String id = t.identifier("id");
            if (!ids.add(id)) {
                throw t.bad("id", "duplicate tenant id '" + id + "'");
            }
            String systemId = t.required("systemId", SMPP_SYSTEM_ID_MAX);
            if (!systemIds.add(systemId)) {
                throw t.bad("systemId", "duplicate systemId '" + systemId + "'");
            }
            String password = smppPassword(t);
            int rate = t.integer("submitsPerSecond", 0, 0, 10_000_000);
            int burst = t.integer("submitBurst", Math.max(1, rate), 1, 100_000_000);
            List<String> sources = t.cidrs("allowedSources");
            List<String> numbers = t.strings("numbers", 100_000, 20);
            for (int i = 0; i < numbers.size(); i++) {
                String n = numbers.get(i);
                if (n.isEmpty() || !n.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    throw new ConfigException(t.path("numbers") + "[" + i + "]: must be digits only (was '" + n + "')");
                }
                String owner = numberOwners.putIfAbsent(n, id);
                if (owner != null) {
                    throw new ConfigException(t.path("numbers") + "[" + i + "]: number " + n
                            + " is already owned by tenant '" + owner + "'");
                }
            }
            out.add(new TenantConfig(id, systemId, password, t.integer("window", 100, 1, 10_000),
                    t.integer("maxBinds", 10, 1, 1000), rate, burst,
                    t.integer("queueMaxMessages", (int) TenantConfig.DEFAULT_QUEUE_MAX_MESSAGES, 1, Integer.MAX_VALUE),
                    t.integer("queueMaxMegabytes", (int) TenantConfig.DEFAULT_QUEUE_MAX_MEGABYTES, 1, 1 << 24),
                    t.integer("weight", 1, 1, 1000), sources, numbers, Extensions.NONE, messageLimits(t, limits)));
        }
        for (ConfigSection<?> s : sections) {
            List<Object> extensions = s.tenants(nodes);
            for (int i = 0; i < out.size(); i++) {
                out.set(i, out.get(i).withExtension(extensions.get(i)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * A tenant's SMPP password: in clear (at most 8 characters, SMPP 3.4), {@code env:NAME} for one read from the
     * environment, or a salted hash ({@code ./edge hash-password}) so the file holds no password at all.
     */
    private static String smppPassword(ConfigNode t) {
        String password = t.secret("password", null, 1, 256);
        if (PasswordHash.looksHashed(password)) {
            try {
                PasswordHash.parse(password);
            } catch (IllegalArgumentException e) {
                throw t.bad("password", e.getMessage());
            }
        } else if (password.length() > SMPP_PASSWORD_MAX) {
            throw t.bad("password", "must be 1-" + SMPP_PASSWORD_MAX + " characters (was " + password.length()
                    + "), or a hash from './edge hash-password'");
        }
        return password;
    }

    private static List<CarrierConfig> carriers(ConfigNode top, List<ConfigSection<?>> sections) {
        List<CarrierConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> keys = new ArrayList<>(List.of("id", "endpoints", "bindsPerEndpoint", "systemId", "password",
                "systemType", "window", "enquireLinkSeconds", "responseTimeoutMillis", "reconnectDelayMillis",
                "maxSubmitsPerSecond", "bindMaxSubmitsPerSecond", "bindType", "reconnectMaxDelayMillis", "tls"));
        List<String> connectorKeys = new ArrayList<>();
        sections.forEach(s -> connectorKeys.addAll(s.carrierKeys()));
        keys.addAll(connectorKeys);
        keys.add("receiptIds");
        String[] known = keys.toArray(String[]::new);
        for (ConfigNode c : top.list("carriers")) {
            c.only(known);
            String id = c.identifier("id");
            if (!ids.add(id)) {
                throw c.bad("id", "duplicate carrier id '" + id + "'");
            }
            CarrierTlsConfig tls = c.has("tls") ? carrierTls(c.child("tls")) : null;
            List<EndpointConfig> endpoints = new ArrayList<>();
            for (ConfigNode e : c.list("endpoints")) {
                e.only("host", "port", "tls");
                // a carrier with tls settings is reached over TLS unless an endpoint says otherwise
                endpoints.add(new EndpointConfig(e.required("host", 255), e.port("port", -1), e.bool("tls", tls != null)));
            }
            Extensions extensions = Extensions.NONE;
            for (ConfigSection<?> s : sections) {
                extensions = extensions.with(s.carrier(c));
            }
            if (endpoints.isEmpty() && extensions.isEmpty()) {
                throw c.bad("endpoints", "at least one endpoint is required" + (connectorKeys.isEmpty() ? ""
                        : " (or a " + String.join(" or ", connectorKeys) + " trunk for a carrier of calls only)"));
            }
            String smppCredentialDefault = endpoints.isEmpty() ? "" : null; // a SIP-only carrier binds no SMPP
            String typeName = c.text("bindType", CarrierBindType.TRANSCEIVER.yamlName(), 1, 32);
            CarrierBindType bindType = CarrierBindType.fromYaml(typeName);
            if (bindType == null) {
                throw c.bad("bindType", "must be one of " + CarrierBindType.yamlNames() + " (was '" + typeName + "')");
            }
            String idsName = c.text("receiptIds", ReceiptIds.AS_IS.yamlName(), 1, 32);
            ReceiptIds receiptIds = ReceiptIds.fromYaml(idsName);
            if (receiptIds == null) {
                throw c.bad("receiptIds", "must be one of " + ReceiptIds.yamlNames() + " (was '" + idsName + "')");
            }
            int reconnectDelay = c.integer("reconnectDelayMillis", 500, 10, 600_000);
            int reconnectMax = c.integer("reconnectMaxDelayMillis",
                    Math.max(CarrierConfig.DEFAULT_RECONNECT_MAX_DELAY_MILLIS, reconnectDelay), 10, 3_600_000);
            if (reconnectMax < reconnectDelay) {
                throw c.bad("reconnectMaxDelayMillis", "must be at least reconnectDelayMillis (" + reconnectDelay
                        + "; was " + reconnectMax + ")");
            }
            out.add(new CarrierConfig(id, List.copyOf(endpoints), c.integer("bindsPerEndpoint", 1, 1, 64),
                    c.text("systemId", smppCredentialDefault, 1, SMPP_SYSTEM_ID_MAX),
                    c.text("password", smppCredentialDefault, 1, SMPP_PASSWORD_MAX),
                    c.text("systemType", "", 0, SMPP_SYSTEM_TYPE_MAX), c.integer("window", 100, 1, 10_000),
                    c.integer("enquireLinkSeconds", 30, 1, 3600), c.integer("responseTimeoutMillis", 10_000, 100, 600_000),
                    reconnectDelay, c.integer("maxSubmitsPerSecond", 0, 0, 10_000_000),
                    c.integer("bindMaxSubmitsPerSecond", 0, 0, 10_000_000), bindType, reconnectMax, extensions,
                    receiptIds, tls));
        }
        return List.copyOf(out);
    }

    /**
     * Routes, each general or restricted to some tenants. A prefix may appear once among the general routes and
     * once among each tenant's own routes, so every (tenant, prefix) lookup has exactly one answer.
     */
    private static List<RouteConfig> routes(ConfigNode top, List<TenantConfig> tenants, List<CarrierConfig> carriers) {
        Set<String> knownCarriers = new HashSet<>();
        carriers.forEach(c -> knownCarriers.add(c.id()));
        Set<String> knownTenants = new HashSet<>();
        tenants.forEach(t -> knownTenants.add(t.id()));
        List<RouteConfig> out = new ArrayList<>();
        /* "tenant|prefix" ("|prefix" for general routes) -> index of the route that claimed it */
        Map<String, Integer> claimed = new HashMap<>();
        List<ConfigNode> routes = top.list("routes");
        for (int ri = 0; ri < routes.size(); ri++) {
            ConfigNode r = routes.get(ri);
            r.only("prefix", "carriers", "tenants");
            String prefix = r.text("prefix", "", 0, 20);
            if (!prefix.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw r.bad("prefix", "must be digits only (was '" + prefix + "')");
            }
            List<String> only = routeTenants(r, knownTenants);
            for (String t : only.isEmpty() ? List.of("") : only) {
                Integer earlier = claimed.putIfAbsent(t + "|" + prefix, ri);
                if (earlier != null) {
                    throw r.bad("prefix", "duplicate route prefix '" + prefix + "'"
                            + (t.isEmpty() ? "" : " for tenant '" + t + "'") + " (as routes[" + earlier + "])");
                }
            }
            out.add(new RouteConfig(prefix, candidates(r, knownCarriers), only));
        }
        return List.copyOf(out);
    }

    private static List<String> routeTenants(ConfigNode r, Set<String> known) {
        List<String> only = r.strings("tenants", 100_000, ID_MAX);
        if (only.isEmpty() && r.node.hasNonNull("tenants")) {
            throw r.bad("tenants", "must name at least one tenant (leave it out for a route every tenant uses)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < only.size(); i++) {
            String p = r.path("tenants") + "[" + i + "]";
            if (!known.contains(only.get(i))) {
                throw new ConfigException(p + ": unknown tenant '" + only.get(i) + "'");
            }
            if (!seen.add(only.get(i))) {
                throw new ConfigException(p + ": duplicate tenant '" + only.get(i) + "'");
            }
        }
        return only;
    }

    /** Either a plain carrier id (priority = position from 1, cost 0, weight 1) or {id, cost, priority, weight}. */
    private static List<RouteCandidate> candidates(ConfigNode r, Set<String> known) {
        JsonNode list = r.node.get("carriers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw r.bad("carriers", "a non-empty list of carrier ids is required");
        }
        List<RouteCandidate> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String path = r.path("carriers") + "[" + i + "]";
            RouteCandidate c;
            if (n.isObject()) {
                ConfigNode o = new ConfigNode(n, path);
                o.only("id", "cost", "priority", "weight");
                String id = o.required("id", ID_MAX);
                if (!known.contains(id)) {
                    throw o.bad("id", "unknown carrier '" + id + "'");
                }
                c = new RouteCandidate(id, o.nonNegativeDecimal("cost", 0.0), o.integer("priority", i + 1, 0, 1_000_000),
                        o.integer("weight", 1, 1, 1_000_000));
            } else {
                if (!n.isTextual() || !known.contains(n.asText())) {
                    throw new ConfigException(path + ": unknown carrier '" + n.asText() + "'");
                }
                c = new RouteCandidate(n.asText(), 0.0, i + 1, 1);
            }
            if (!seen.add(c.carrierId())) {
                throw new ConfigException(path + ": carrier '" + c.carrierId() + "' is already a candidate of this route");
            }
            out.add(c);
        }
        return out;
    }
}
