package io.edgegw.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edgegw.core.queue.RollCycleNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.edgegw.core.tenant.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

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
        Obj top = new Obj(root, "");
        top.only("smpp", "admin", "storage", "pipeline", "tenants", "carriers", "routes");
        SmppServerConfig smpp = smpp(top.child("smpp"));
        AdminConfig admin = admin(top.child("admin"));
        StorageConfig storage = storage(top.child("storage"));
        PipelineConfig pipeline = pipeline(top.child("pipeline"));
        List<TenantConfig> tenants = tenants(top);
        List<CarrierConfig> carriers = carriers(top);
        List<RouteConfig> routes = routes(top, carriers);
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes);
    }

    private static SmppServerConfig smpp(Obj o) {
        o.only("host", "port", "maxPduBytes", "enquireLinkSeconds", "bindTimeoutSeconds");
        return new SmppServerConfig(o.text("host", "127.0.0.1", 1, 255), o.port("port", 2775),
                o.integer("maxPduBytes", 65536, 256, 16 * 1024 * 1024),
                o.integer("enquireLinkSeconds", 30, 1, 3600), o.integer("bindTimeoutSeconds", 10, 1, 3600));
    }

    private static AdminConfig admin(Obj o) {
        o.only("host", "port");
        return new AdminConfig(o.text("host", "127.0.0.1", 1, 255), o.port("port", 8080));
    }

    private static StorageConfig storage(Obj o) {
        o.only("dir", "minFreeMegabytes", "rollCycle", "correlationRetentionHours");
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
                        24 * 3650));
    }

    private static PipelineConfig pipeline(Obj o) {
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

    private static List<TenantConfig> tenants(Obj top) {
        List<TenantConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> systemIds = new HashSet<>();
        Map<String, String> numberOwners = new HashMap<>();
        for (Obj t : top.list("tenants")) {
            t.only("id", "systemId", "password", "window", "maxBinds", "submitsPerSecond", "submitBurst",
                    "queueMaxMessages", "queueMaxMegabytes", "weight", "allowedSources", "numbers");
            String id = t.identifier("id");
            if (!ids.add(id)) {
                throw t.bad("id", "duplicate tenant id '" + id + "'");
            }
            String systemId = t.required("systemId", SMPP_SYSTEM_ID_MAX);
            if (!systemIds.add(systemId)) {
                throw t.bad("systemId", "duplicate systemId '" + systemId + "'");
            }
            String password = t.required("password", SMPP_PASSWORD_MAX);
            int rate = t.integer("submitsPerSecond", 0, 0, 10_000_000);
            int burst = t.integer("submitBurst", Math.max(1, rate), 1, 100_000_000);
            List<String> sources = t.strings("allowedSources", 1000, 64);
            for (int i = 0; i < sources.size(); i++) {
                try {
                    Cidr.parse(sources.get(i));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(t.path("allowedSources") + "[" + i + "]: " + e.getMessage());
                }
            }
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
                    t.integer("weight", 1, 1, 1000), sources, numbers));
        }
        return List.copyOf(out);
    }

    private static List<CarrierConfig> carriers(Obj top) {
        List<CarrierConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Obj c : top.list("carriers")) {
            c.only("id", "endpoints", "bindsPerEndpoint", "systemId", "password", "systemType", "window",
                    "enquireLinkSeconds", "responseTimeoutMillis", "reconnectDelayMillis", "maxSubmitsPerSecond",
                    "bindMaxSubmitsPerSecond");
            String id = c.identifier("id");
            if (!ids.add(id)) {
                throw c.bad("id", "duplicate carrier id '" + id + "'");
            }
            List<EndpointConfig> endpoints = new ArrayList<>();
            for (Obj e : c.list("endpoints")) {
                e.only("host", "port");
                endpoints.add(new EndpointConfig(e.required("host", 255), e.port("port", -1)));
            }
            if (endpoints.isEmpty()) {
                throw c.bad("endpoints", "at least one endpoint is required");
            }
            out.add(new CarrierConfig(id, List.copyOf(endpoints), c.integer("bindsPerEndpoint", 1, 1, 64),
                    c.required("systemId", SMPP_SYSTEM_ID_MAX), c.required("password", SMPP_PASSWORD_MAX),
                    c.text("systemType", "", 0, SMPP_SYSTEM_TYPE_MAX), c.integer("window", 100, 1, 10_000),
                    c.integer("enquireLinkSeconds", 30, 1, 3600), c.integer("responseTimeoutMillis", 10_000, 100, 600_000),
                    c.integer("reconnectDelayMillis", 500, 10, 600_000), c.integer("maxSubmitsPerSecond", 0, 0, 10_000_000),
                    c.integer("bindMaxSubmitsPerSecond", 0, 0, 10_000_000)));
        }
        return List.copyOf(out);
    }

    private static List<RouteConfig> routes(Obj top, List<CarrierConfig> carriers) {
        Set<String> known = new HashSet<>();
        carriers.forEach(c -> known.add(c.id()));
        List<RouteConfig> out = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (Obj r : top.list("routes")) {
            r.only("prefix", "carriers");
            String prefix = r.text("prefix", "", 0, 20);
            if (!prefix.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                throw r.bad("prefix", "must be digits only (was '" + prefix + "')");
            }
            if (!prefixes.add(prefix)) {
                throw r.bad("prefix", "duplicate route prefix '" + prefix + "'");
            }
            JsonNode list = r.node.get("carriers");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw r.bad("carriers", "a non-empty list of carrier ids is required");
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                String path = r.path("carriers") + "[" + i + "]";
                if (!n.isTextual() || !known.contains(n.asText())) {
                    throw new ConfigException(path + ": unknown carrier '" + n.asText() + "'");
                }
                ids.add(n.asText());
            }
            out.add(new RouteConfig(prefix, List.copyOf(ids)));
        }
        return List.copyOf(out);
    }

    /** One YAML mapping and its path, with typed, bounded accessors. */
    private static final class Obj {
        final JsonNode node;
        final String path;

        Obj(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        String path(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        ConfigException bad(String field, String why) {
            return new ConfigException(path(field) + ": " + why);
        }

        void only(String... fields) {
            if (!node.isObject()) {
                throw new ConfigException((path.isEmpty() ? "(top level)" : path) + ": must be a mapping");
            }
            Set<String> allowed = Set.of(fields);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!allowed.contains(f)) {
                    throw bad(f, "unknown field (known: " + String.join(", ", fields) + ")");
                }
            }
        }

        Obj child(String field) {
            JsonNode n = node.get(field);
            return new Obj(n == null || n.isNull() ? YAML.createObjectNode() : n, path(field));
        }

        List<Obj> list(String field) {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw bad(field, "must be a list");
            }
            List<Obj> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(new Obj(n.get(i), path(field) + "[" + i + "]"));
            }
            return out;
        }

        String text(String field, String dflt, int min, int max) {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                if (dflt == null) {
                    throw bad(field, "is required");
                }
                return dflt;
            }
            if (!n.isValueNode() || n.isBoolean()) {
                throw bad(field, "must be text");
            }
            String v = n.asText();
            if (v.length() < min || v.length() > max) {
                throw bad(field, (min > 0 ? "must be " + min + "-" : "must be at most ") + max
                        + " characters (was " + v.length() + ")");
            }
            return v;
        }

        /** A list of texts, each 1-{@code maxLength} characters; empty when absent. */
        List<String> strings(String field, int maxItems, int maxLength) {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw bad(field, "must be a list");
            }
            if (n.size() > maxItems) {
                throw bad(field, "at most " + maxItems + " entries (was " + n.size() + ")");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                String p = path(field) + "[" + i + "]";
                if (!e.isValueNode() || e.isBoolean() || e.isNull()) {
                    throw new ConfigException(p + ": must be text");
                }
                String v = e.asText().trim();
                if (v.isEmpty() || v.length() > maxLength) {
                    throw new ConfigException(p + ": must be 1-" + maxLength + " characters");
                }
                out.add(v);
            }
            return out;
        }

        String required(String field, int max) {
            return text(field, null, 1, max);
        }

        String identifier(String field) {
            String v = required(field, ID_MAX);
            if (!v.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw bad(field, "must be letters, digits, '_', '.', '-' (was '" + v + "')");
            }
            return v;
        }

        int integer(String field, int dflt, int min, int max) {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                return dflt;
            }
            boolean digits = n.isTextual() && n.asText().matches("-?\\d{1,18}");
            if (!(n.isIntegralNumber() && n.canConvertToLong()) && !digits) {
                throw bad(field, "must be an integer (was '" + n.asText() + "')");
            }
            long v = digits ? Long.parseLong(n.asText()) : n.asLong();
            if (v < min || v > max) {
                throw bad(field, "must be " + min + "-" + max + " (was " + v + ")");
            }
            return (int) v;
        }

        /** A TCP port; 0 (ephemeral) allowed only when a default exists, i.e. for listeners. */
        int port(String field, int dflt) {
            if (dflt < 0 && (node.get(field) == null || node.get(field).isNull())) {
                throw bad(field, "is required");
            }
            return integer(field, dflt, dflt < 0 ? 1 : 0, 65535);
        }
    }
}
