package io.edgegw.sip.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.ClusterConfig;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.ConfigNode;
import io.edgegw.core.config.ConfigSection;
import io.edgegw.core.config.ProxyProtocolConfig;
import io.edgegw.core.config.TenantConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SIP part of the gateway YAML, found by the core's loader through {@link ConfigSection}: the top-level
 * {@code sip} section ({@link SipConfig}), each tenant's {@code sipSources}, {@code callsPerSecond},
 * {@code maxConcurrentCalls}, {@code callQueueMillis}, {@code sipTarget} and {@code sipAuth} ({@link SipTenant}), and
 * each carrier's {@code sip} trunk ({@link SipTrunkConfig}). Errors name the field path, as the core's do.
 */
public final class SipConfigSection implements ConfigSection<SipConfig> {
    static final List<String> TENANT_KEYS = List.of("sipSources", "callsPerSecond", "maxConcurrentCalls",
            "callQueueMillis", "sipTarget", "sipAuth");

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public Class<SipConfig> type() {
        return SipConfig.class;
    }

    @Override
    public List<String> tenantKeys() {
        return TENANT_KEYS;
    }

    @Override
    public List<Object> tenants(List<ConfigNode> tenants) {
        List<Object> out = new ArrayList<>();
        Map<String, String> sipUsers = new HashMap<>();
        for (ConfigNode t : tenants) {
            if (TENANT_KEYS.stream().noneMatch(t::has)) {
                out.add(null);
                continue;
            }
            out.add(new SipTenant(t.cidrs("sipSources"), t.integer("callsPerSecond", 0, 0, 100_000),
                    t.integer("maxConcurrentCalls", 0, 0, 10_000_000),
                    t.integer("callQueueMillis", SipTenant.DEFAULT_CALL_QUEUE_MILLIS, 0, 10_000), sipTarget(t),
                    sipAuth(t, sipUsers)));
        }
        return out;
    }

    @Override
    public List<String> carrierKeys() {
        return List.of("sip");
    }

    @Override
    public Object carrier(ConfigNode c) {
        if (!c.has("sip")) {
            return null;
        }
        ConfigNode s = c.child("sip");
        s.only("host", "port", "transport", "maxCallsPerSecond", "channels", "sources", "probe");
        return new SipTrunkConfig(s.required("host", 255), s.integer("port", 5060, 1, 65535), peerTransport(s),
                s.integer("maxCallsPerSecond", 0, 0, 100_000), s.integer("channels", 0, 0, 10_000_000),
                s.cidrs("sources"), probe(s.child("probe")));
    }

    /**
     * Each instance enforces its part of every tenant's and trunk's call rate and call cap ({@link SipTenant#share},
     * {@link SipTrunkConfig#share}); 0 means no limit for all four, so a set value too small to give each instance at
     * least 1 is refused.
     */
    @Override
    public void checkSplits(ClusterConfig cluster, List<ConfigNode> tenantNodes, List<TenantConfig> tenants,
                            List<ConfigNode> carrierNodes, List<CarrierConfig> carriers) {
        for (int i = 0; i < tenants.size(); i++) {
            SipTenant t = tenants.get(i).extension(SipTenant.class);
            if (t != null) {
                cluster.checkSplit(tenantNodes.get(i), "callsPerSecond", t.callsPerSecond(), "1 a second");
                cluster.checkSplit(tenantNodes.get(i), "maxConcurrentCalls", t.maxConcurrentCalls(),
                        "1 call, 0 being no limit");
            }
        }
        for (int i = 0; i < carriers.size(); i++) {
            SipTrunkConfig trunk = SipTrunkConfig.of(carriers.get(i));
            if (trunk != null) {
                ConfigNode sip = carrierNodes.get(i).child("sip");
                cluster.checkSplit(sip, "maxCallsPerSecond", trunk.maxCallsPerSecond(), "1 a second");
                cluster.checkSplit(sip, "channels", trunk.channels(), "1 channel, 0 being no limit");
            }
        }
    }

    @Override
    public SipConfig section(ConfigNode o) {
        o.only("enabled", "host", "port", "transport", "inviteTimeoutSeconds", "failoverAfterMillis", "failoverCodes",
                "maxCalls", "maxCallSeconds", "routeSecret", "strangers", "overloadMillis", "tls", "cdrRetentionDays",
                "proxyProtocol");
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
                o.has("tls") ? sipTls(o.child("tls")) : null,
                o.integer("cdrRetentionDays", SipConfig.DEFAULT_CDR_RETENTION_DAYS, 0, 36_500),
                ProxyProtocolConfig.read(o.optionalChild("proxyProtocol")));
    }

    private static SipTlsConfig sipTls(ConfigNode o) {
        o.only("port", "certificate", "privateKey", "clientAuth", "trustedCertificates");
        String clientAuth = o.text("clientAuth", "none", 1, 16);
        if (!List.of("none", "optional", "require").contains(clientAuth)) {
            throw o.bad("clientAuth", "must be none, optional or require (was '" + clientAuth + "')");
        }
        String trusted = o.has("trustedCertificates") ? o.required("trustedCertificates", 4096) : null;
        if (!clientAuth.equals("none") && trusted == null) {
            throw o.bad("trustedCertificates", "is required when clientAuth is " + clientAuth);
        }
        return new SipTlsConfig(o.port("port", 5061), o.required("certificate", 4096), o.required("privateKey", 4096),
                clientAuth, trusted);
    }

    private static SipConfig.Strangers strangers(ConfigNode o) {
        String s = o.text("strangers", "reject", 1, 16);
        return switch (s) {
            case "reject" -> SipConfig.Strangers.REJECT;
            case "drop" -> SipConfig.Strangers.DROP;
            default -> throw o.bad("strangers", "must be reject or drop (was '" + s + "')");
        };
    }

    /** {@code sip.routeSecret}: null (random per process) when absent; {@code env:NAME} reads it from the environment. */
    private static String routeSecret(ConfigNode o) {
        if (!o.has("routeSecret")) {
            return null;
        }
        String secret = o.secret("routeSecret", "", 1, 256);
        if (secret.length() < 16) {
            throw o.bad("routeSecret", "must be at least 16 characters (was " + secret.length() + ")");
        }
        return secret;
    }

    private static String transport(ConfigNode o, String dflt) {
        String t = o.text("transport", dflt, 1, 8);
        if (!t.equals("udp") && !t.equals("tcp")) {
            throw o.bad("transport", "must be udp or tcp (was '" + t + "')");
        }
        return t;
    }

    /** A trunk's or target's transport: udp, tcp, or tls (over the proxy's sip.tls settings). */
    private static String peerTransport(ConfigNode o) {
        String t = o.text("transport", "udp", 1, 8);
        if (!t.equals("udp") && !t.equals("tcp") && !t.equals("tls")) {
            throw o.bad("transport", "must be udp, tcp or tls (was '" + t + "')");
        }
        return t;
    }

    /** A tenant's {@code sipTarget}: where inbound calls to its numbers go; null when it has none. */
    private static SipTrunkConfig sipTarget(ConfigNode t) {
        if (!t.has("sipTarget")) {
            return null;
        }
        ConfigNode s = t.child("sipTarget");
        s.only("host", "port", "transport");
        return new SipTrunkConfig(s.required("host", 255), s.integer("port", 5060, 1, 65535), peerTransport(s));
    }

    /** A tenant's {@code sipAuth}, its username unique among tenants; null when it has none. */
    private static SipAuthConfig sipAuth(ConfigNode t, Map<String, String> usersSoFar) {
        if (!t.has("sipAuth")) {
            return null;
        }
        ConfigNode a = t.child("sipAuth");
        a.only("username", "password", "realm");
        String username = a.required("username", 64);
        if (username.chars().anyMatch(ch -> ch <= ' ' || ch == '"' || ch == '\\' || ch > '~')) {
            throw a.bad("username", "must be printable ASCII without spaces, quotes or backslashes");
        }
        String owner = usersSoFar.putIfAbsent(username, t.json().path("id").asText());
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


    /** A list of 1-20 SIP status codes from {@code min} to 699, or {@code fallback} when the field is absent. */
    private static List<Integer> statusCodes(ConfigNode o, String field, List<Integer> fallback, int min, String example) {
        JsonNode n = o.json().get(field);
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

    private static SipProbeConfig probe(ConfigNode o) {
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
}
