package io.edgegw.core.config;

import io.edgegw.core.text.Alphabet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code tenants}: who may bind, with what limits and quotas, owning which numbers; ids, systemIds, numbers unique. */
final class TenantsSection {
    /** SMPP 3.4 section 5.2: system_id is a C-Octet String of at most 16 octets including the NUL. */
    static final int SMPP_SYSTEM_ID_MAX = 15;
    static final int SMPP_PASSWORD_MAX = 8;
    private static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of("id", "systemId", "password", "window", "maxBinds",
                "submitsPerSecond", "submitBurst", "queueMaxMessages", "queueMaxMegabytes", "weight", "allowedSources",
                "numbers", "defaultAlphabet"));
        keys.addAll(MessageLimitsSection.KEYS);
        keys.addAll(AddressesSection.KEYS);
        KEYS = List.copyOf(keys);
    }

    private TenantsSection() {
    }

    /** @param limits the gateway-wide message limits a tenant's own keys override */
    static List<TenantConfig> read(List<ConfigNode> nodes, MessageLimits limits, ConnectorSections connectors) {
        List<String> known = connectors.tenantKeys(KEYS);
        List<TenantConfig> out = new ArrayList<>();
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
            out.add(tenant(t, id, systemId, limits, numberOwners));
        }
        return connectors.extendTenants(out, nodes);
    }

    private static TenantConfig tenant(ConfigNode t, String id, String systemId, MessageLimits limits,
                                       Map<String, String> numberOwners) {
        TenantConfig d = TenantConfig.DEFAULTS;
        String password = t.password("password", SMPP_PASSWORD_MAX);
        int rate = t.integer("submitsPerSecond", d.submitsPerSecond(), 0, 10_000_000);
        int burst = t.integer("submitBurst", Math.max(1, rate), 1, 100_000_000);
        List<String> sources = t.cidrs("allowedSources");
        List<String> numbers = numbers(t, id, numberOwners);
        return new TenantConfig(id, systemId, password, t.integer("window", d.window(), 1, 10_000),
                t.integer("maxBinds", d.maxBinds(), 1, 1000), rate, burst,
                t.integer("queueMaxMessages", (int) d.queueMaxMessages(), 1, Integer.MAX_VALUE),
                t.integer("queueMaxMegabytes", (int) d.queueMaxMegabytes(), 1, 1 << 24),
                t.integer("weight", d.weight(), 1, 1000), sources, numbers, Extensions.NONE,
                MessageLimitsSection.over(t, limits), AddressesSection.read(t),
                defaultAlphabet(t));
    }

    /** {@code defaultAlphabet} of a tenant or carrier: what its data_coding 0 means; absent, GSM 7-bit. */
    static Alphabet defaultAlphabet(ConfigNode n) {
        return switch (n.oneOf("defaultAlphabet", "gsm7", "gsm7", "ia5", "latin1")) {
            case "ia5" -> Alphabet.IA5;
            case "latin1" -> Alphabet.LATIN1;
            default -> Alphabet.GSM7;
        };
    }

    /** The tenant's number prefixes, digits only, each owned by one tenant (MO to it has one destination). */
    private static List<String> numbers(ConfigNode t, String id, Map<String, String> owners) {
        List<String> numbers = t.strings("numbers", 100_000, 20);
        for (int i = 0; i < numbers.size(); i++) {
            String n = numbers.get(i);
            if (n.isEmpty() || !ConfigNode.isDigits(n)) {
                throw t.bad("numbers", i, "must be digits only (was '" + n + "')");
            }
            String owner = owners.putIfAbsent(n, id);
            if (owner != null) {
                throw t.bad("numbers", i, "number " + n + " is already owned by tenant '" + owner + "'");
            }
        }
        return numbers;
    }
}
