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
import io.edgegw.core.tenant.PasswordHash;
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
        top.only("smpp", "admin", "storage", "pipeline", "tenants", "carriers", "routes", "quality", "sip");
        SmppServerConfig smpp = smpp(top.child("smpp"));
        AdminConfig admin = admin(top.child("admin"));
        StorageConfig storage = storage(top.child("storage"));
        PipelineConfig pipeline = pipeline(top.child("pipeline"));
        List<TenantConfig> tenants = tenants(top);
        List<CarrierConfig> carriers = carriers(top);
        List<RouteConfig> routes = routes(top, tenants, carriers);
        return new GatewayConfig(smpp, admin, storage, pipeline, tenants, carriers, routes, quality(top.child("quality")),
                sip(top.child("sip")));
    }

    private static SipConfig sip(Obj o) {
        o.only("enabled", "host", "port", "transport", "inviteTimeoutSeconds", "failoverAfterMillis", "failoverCodes",
                "maxCalls", "maxCallSeconds", "routeSecret", "strangers", "overloadMillis", "tls");
        SipConfig d = SipConfig.DISABLED;
        int inviteTimeout = o.integer("inviteTimeoutSeconds", d.inviteTimeoutSeconds(), 1, 300);
        int failoverAfter = o.integer("failoverAfterMillis", d.failoverAfterMillis(), 100, 300_000);
        if (failoverAfter > inviteTimeout * 1000) {
            throw o.bad("failoverAfterMillis", "must be at most inviteTimeoutSeconds × 1000 (" + inviteTimeout * 1000
                    + "; was " + failoverAfter + ")");
        }
        String host = o.text("host", d.host(), 1, 255);
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            throw o.bad("host", "must be an address peers can reach: it goes into Record-Route and Via (was '" + host
                    + "')");
        }
        return new SipConfig(o.bool("enabled", d.enabled()), host, o.port("port", d.port()),
                transport(o, d.transport()), inviteTimeout, failoverAfter, o.integer("maxCalls", d.maxCalls(), 1, 1_000_000),
                o.integer("maxCallSeconds", d.maxCallSeconds(), 1, 7 * 24 * 3600), routeSecret(o),
                statusCodes(o, "failoverCodes", d.failoverCodes(), 300, "e.g. [408, 500, 503]"), strangers(o),
                o.integer("overloadMillis", SipConfig.DEFAULT_OVERLOAD_MILLIS, 0, 60_000),
                o.node.hasNonNull("tls") ? sipTls(o.child("tls")) : null);
    }

    private static SipTlsConfig sipTls(Obj o) {
        o.only("port", "certificate", "privateKey", "clientAuth", "trustedCertificates");
        String clientAuth = o.text("clientAuth", "none", 1, 16);
        if (!List.of("none", "optional", "require").contains(clientAuth)) {
            throw o.bad("clientAuth", "must be none, optional or require (was '" + clientAuth + "')");
        }
        String trusted = o.node.hasNonNull("trustedCertificates") ? o.required("trustedCertificates", 4096) : null;
        if (!clientAuth.equals("none") && trusted == null) {
            throw o.bad("trustedCertificates", "is required when clientAuth is " + clientAuth);
        }
        return new SipTlsConfig(o.port("port", 5061), o.required("certificate", 4096), o.required("privateKey", 4096),
                clientAuth, trusted);
    }

    private static SipConfig.Strangers strangers(Obj o) {
        String s = o.text("strangers", "reject", 1, 16);
        return switch (s) {
            case "reject" -> SipConfig.Strangers.REJECT;
            case "drop" -> SipConfig.Strangers.DROP;
            default -> throw o.bad("strangers", "must be reject or drop (was '" + s + "')");
        };
    }

    /** {@code sip.routeSecret}: null (random per process) when absent; {@code env:NAME} reads it from the environment. */
    private static String routeSecret(Obj o) {
        if (!o.node.hasNonNull("routeSecret")) {
            return null;
        }
        String secret = o.secret("routeSecret", "", 1, 256);
        if (secret.length() < 16) {
            throw o.bad("routeSecret", "must be at least 16 characters (was " + secret.length() + ")");
        }
        return secret;
    }

    private static String transport(Obj o, String dflt) {
        String t = o.text("transport", dflt, 1, 8);
        if (!t.equals("udp") && !t.equals("tcp")) {
            throw o.bad("transport", "must be udp or tcp (was '" + t + "')");
        }
        return t;
    }

    /** A trunk's or target's transport: udp, tcp, or tls (over the proxy's sip.tls settings). */
    private static String peerTransport(Obj o) {
        String t = o.text("transport", "udp", 1, 8);
        if (!t.equals("udp") && !t.equals("tcp") && !t.equals("tls")) {
            throw o.bad("transport", "must be udp, tcp or tls (was '" + t + "')");
        }
        return t;
    }

    /** A tenant's {@code sipTarget}: where inbound calls to its numbers go; null when it has none. */
    private static SipTrunkConfig sipTarget(Obj t) {
        if (!t.node.hasNonNull("sipTarget")) {
            return null;
        }
        Obj s = t.child("sipTarget");
        s.only("host", "port", "transport");
        return new SipTrunkConfig(s.required("host", 255), s.integer("port", 5060, 1, 65535), peerTransport(s));
    }

    /** A tenant's {@code sipAuth}, its username unique among tenants; null when it has none. */
    private static SipAuthConfig sipAuth(Obj t, Map<String, String> usersSoFar) {
        if (!t.node.hasNonNull("sipAuth")) {
            return null;
        }
        Obj a = t.child("sipAuth");
        a.only("username", "password", "realm");
        String username = a.required("username", 64);
        if (username.chars().anyMatch(ch -> ch <= ' ' || ch == '"' || ch == '\\' || ch > '~')) {
            throw a.bad("username", "must be printable ASCII without spaces, quotes or backslashes");
        }
        String owner = usersSoFar.putIfAbsent(username, t.node.path("id").asText());
        if (owner != null) {
            throw a.bad("username", "'" + username + "' is already the username of tenant '" + owner + "'");
        }
        String password = a.secret("password", null, 1, 256);
        String realm = a.text("realm", "", 0, 255);
        if (realm.chars().anyMatch(ch -> ch < ' ' || ch == '"' || ch == '\\' || ch > '~')) {
            throw a.bad("realm", "must be printable ASCII without quotes or backslashes");
        }
        return new SipAuthConfig(username, password, realm.isEmpty() ? null : realm);
    }

    private static List<String> cidrs(Obj t, String field) {
        List<String> sources = t.strings(field, 1000, 64);
        for (int i = 0; i < sources.size(); i++) {
            try {
                Cidr.parse(sources.get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(t.path(field) + "[" + i + "]: " + e.getMessage());
            }
        }
        return sources;
    }

    private static QualityConfig quality(Obj o) {
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

    private static SmppServerConfig smpp(Obj o) {
        o.only("host", "port", "maxPduBytes", "enquireLinkSeconds", "bindTimeoutSeconds", "maxConnections",
                "maxConnectionsPerSource", "stalledPeerSeconds", "bindGuard");
        int maxConnections = o.integer("maxConnections", SmppServerConfig.DEFAULT_MAX_CONNECTIONS, 1, 1_000_000);
        int perSource = o.integer("maxConnectionsPerSource",
                Math.min(maxConnections, SmppServerConfig.DEFAULT_MAX_CONNECTIONS_PER_SOURCE), 1, 1_000_000);
        if (perSource > maxConnections) {
            throw o.bad("maxConnectionsPerSource", "must be <= maxConnections " + maxConnections
                    + " (was " + perSource + ")");
        }
        return new SmppServerConfig(o.text("host", "127.0.0.1", 1, 255), o.port("port", 2775),
                o.integer("maxPduBytes", 65536, 256, 16 * 1024 * 1024),
                o.integer("enquireLinkSeconds", 30, 1, 3600), o.integer("bindTimeoutSeconds", 10, 1, 3600),
                maxConnections, perSource,
                o.integer("stalledPeerSeconds", SmppServerConfig.DEFAULT_STALLED_PEER_SECONDS, 1, 3600),
                bindGuard(o.child("bindGuard")));
    }

    private static BindGuardConfig bindGuard(Obj o) {
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

    private static AdminConfig admin(Obj o) {
        o.only("host", "port", "token", "metricsToken");
        return new AdminConfig(o.text("host", "127.0.0.1", 1, 255), o.port("port", 8080), bearerToken(o, "token"),
                bearerToken(o, "metricsToken"));
    }

    /** An HTTP bearer token: empty (none) or at least 16 characters, from the file or {@code env:NAME}. */
    private static String bearerToken(Obj o, String field) {
        String token = o.secret(field, "", 0, 256);
        if (!token.isEmpty() && token.length() < 16) {
            throw o.bad(field, "must be at least 16 characters (was " + token.length() + "; its value is not shown)");
        }
        return token;
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
        Map<String, String> sipUsers = new HashMap<>();
        for (Obj t : top.list("tenants")) {
            t.only("id", "systemId", "password", "window", "maxBinds", "submitsPerSecond", "submitBurst",
                    "queueMaxMessages", "queueMaxMegabytes", "weight", "allowedSources", "numbers", "sipSources",
                    "callsPerSecond", "maxConcurrentCalls", "callQueueMillis", "sipTarget", "sipAuth");
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
            List<String> sources = cidrs(t, "allowedSources");
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
                    t.integer("weight", 1, 1, 1000), sources, numbers, cidrs(t, "sipSources"),
                    t.integer("callsPerSecond", 0, 0, 100_000), t.integer("maxConcurrentCalls", 0, 0, 10_000_000),
                    t.integer("callQueueMillis", TenantConfig.DEFAULT_CALL_QUEUE_MILLIS, 0, 10_000),
                    sipTarget(t), sipAuth(t, sipUsers)));
        }
        return List.copyOf(out);
    }

    /**
     * A tenant's SMPP password: in clear (at most 8 characters, SMPP 3.4), {@code env:NAME} for one read from the
     * environment, or a salted hash ({@code ./edge hash-password}) so the file holds no password at all.
     */
    private static String smppPassword(Obj t) {
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

    /** A list of 1-20 SIP status codes from {@code min} to 699, or {@code fallback} when the field is absent. */
    private static List<Integer> statusCodes(Obj o, String field, List<Integer> fallback, int min, String example) {
        JsonNode n = o.node.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isArray() || n.isEmpty() || n.size() > 20) {
            throw o.bad(field, "must be a list of 1-20 SIP status codes, " + example);
        }
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isIntegralNumber() || e.asInt() < min || e.asInt() > 699) {
                throw new ConfigException(o.path(field) + "[" + i + "]: must be a SIP status code " + min + "-699"
                        + " (was '" + e.asText() + "')");
            }
            codes.add(e.asInt());
        }
        return codes;
    }

    private static SipProbeConfig probe(Obj o) {
        o.only("intervalMillis", "downAfter", "upAfter", "replyCodes");
        SipProbeConfig d = SipProbeConfig.DEFAULTS;
        List<Integer> codes = statusCodes(o, "replyCodes", d.replyCodes(), 100, "e.g. [200, 404]");
        int interval = o.integer("intervalMillis", d.intervalMillis(), 0, 3_600_000);
        if (interval > 0 && interval < 100) {
            throw o.bad("intervalMillis", "must be 0 (no probing) or 100-3600000 (was " + interval + ")");
        }
        return new SipProbeConfig(interval, o.integer("downAfter", d.downAfter(), 1, 1000),
                o.integer("upAfter", d.upAfter(), 1, 1000), codes);
    }

    private static List<CarrierConfig> carriers(Obj top) {
        List<CarrierConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Obj c : top.list("carriers")) {
            c.only("id", "endpoints", "bindsPerEndpoint", "systemId", "password", "systemType", "window",
                    "enquireLinkSeconds", "responseTimeoutMillis", "reconnectDelayMillis", "maxSubmitsPerSecond",
                    "bindMaxSubmitsPerSecond", "bindType", "reconnectMaxDelayMillis", "sip", "receiptIds");
            String id = c.identifier("id");
            if (!ids.add(id)) {
                throw c.bad("id", "duplicate carrier id '" + id + "'");
            }
            List<EndpointConfig> endpoints = new ArrayList<>();
            for (Obj e : c.list("endpoints")) {
                e.only("host", "port");
                endpoints.add(new EndpointConfig(e.required("host", 255), e.port("port", -1)));
            }
            SipTrunkConfig trunk = null;
            if (c.node.hasNonNull("sip")) {
                Obj s = c.child("sip");
                s.only("host", "port", "transport", "maxCallsPerSecond", "channels", "sources", "probe");
                trunk = new SipTrunkConfig(s.required("host", 255), s.integer("port", 5060, 1, 65535), peerTransport(s),
                        s.integer("maxCallsPerSecond", 0, 0, 100_000), s.integer("channels", 0, 0, 10_000_000),
                        cidrs(s, "sources"), probe(s.child("probe")));
            }
            if (endpoints.isEmpty() && trunk == null) {
                throw c.bad("endpoints", "at least one endpoint is required (or a sip trunk for a carrier of calls only)");
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
                    c.integer("bindMaxSubmitsPerSecond", 0, 0, 10_000_000), bindType, reconnectMax, trunk,
                    receiptIds));
        }
        return List.copyOf(out);
    }

    /**
     * Routes, each general or restricted to some tenants. A prefix may appear once among the general routes and
     * once among each tenant's own routes, so every (tenant, prefix) lookup has exactly one answer.
     */
    private static List<RouteConfig> routes(Obj top, List<TenantConfig> tenants, List<CarrierConfig> carriers) {
        Set<String> knownCarriers = new HashSet<>();
        carriers.forEach(c -> knownCarriers.add(c.id()));
        Set<String> knownTenants = new HashSet<>();
        tenants.forEach(t -> knownTenants.add(t.id()));
        List<RouteConfig> out = new ArrayList<>();
        /* "tenant|prefix" ("|prefix" for general routes) -> index of the route that claimed it */
        Map<String, Integer> claimed = new HashMap<>();
        List<Obj> routes = top.list("routes");
        for (int ri = 0; ri < routes.size(); ri++) {
            Obj r = routes.get(ri);
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

    private static List<String> routeTenants(Obj r, Set<String> known) {
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
    private static List<RouteCandidate> candidates(Obj r, Set<String> known) {
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
                Obj o = new Obj(n, path);
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

        /** Text, or when it reads {@code env:NAME} that environment variable's value: keeps secrets out of the file. */
        String secret(String field, String dflt, int min, int max) {
            String v = text(field, dflt, min, max);
            if (!v.startsWith("env:")) {
                return v;
            }
            String value = System.getenv(v.substring(4));
            if (value == null || value.isEmpty()) {
                throw bad(field, "environment variable " + v.substring(4) + " is not set");
            }
            return value;
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

        boolean bool(String field, boolean dflt) {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isBoolean()) {
                throw bad(field, "must be true or false (was '" + n.asText() + "')");
            }
            return n.booleanValue();
        }

        /** A decimal number >= 0 (a number, or text like "0.0021"). */
        double nonNegativeDecimal(String field, double dflt) {
            JsonNode n = node.get(field);
            if (n == null || n.isNull()) {
                return dflt;
            }
            boolean text = n.isTextual() && n.asText().trim().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
            if (!n.isNumber() && !text) {
                throw bad(field, "must be a number (was '" + n.asText() + "')");
            }
            double v = text ? Double.parseDouble(n.asText().trim()) : n.asDouble();
            if (!Double.isFinite(v)) {
                throw bad(field, "must be a finite number (was '" + n.asText() + "')");
            }
            if (v < 0) {
                throw bad(field, "must be >= 0 (was " + n.asText().trim() + ")");
            }
            return v;
        }

        /** A share between 0 and 1. */
        double ratio(String field, double dflt) {
            double v = nonNegativeDecimal(field, dflt);
            if (v > 1) {
                throw bad(field, "must be between 0 and 1 (was " + v + ")");
            }
            return v;
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
