package io.edgegw.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code routes}, each general or restricted to some tenants. A prefix may appear once among the general routes and
 * once among each tenant's own routes, so every (tenant, prefix) lookup has exactly one answer.
 */
final class RoutesSection {
    private static final int ID_MAX = 64;

    private RoutesSection() {
    }

    static List<RouteConfig> read(List<ConfigNode> routes, List<TenantConfig> tenants, List<CarrierConfig> carriers) {
        Set<String> knownCarriers = new HashSet<>();
        carriers.forEach(c -> knownCarriers.add(c.id()));
        Set<String> knownTenants = new HashSet<>();
        tenants.forEach(t -> knownTenants.add(t.id()));
        List<RouteConfig> out = new ArrayList<>();
        /* "tenant|prefix" ("|prefix" for general routes) -> index of the route that claimed it */
        Map<String, Integer> claimed = new HashMap<>();
        for (int ri = 0; ri < routes.size(); ri++) {
            ConfigNode r = routes.get(ri);
            r.only("prefix", "carriers", "tenants");
            String prefix = r.digits("prefix", "", 0, 20);
            List<String> only = tenants(r, knownTenants);
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

    private static List<String> tenants(ConfigNode r, Set<String> known) {
        List<String> only = r.strings("tenants", 100_000, ID_MAX);
        if (only.isEmpty() && r.has("tenants")) {
            throw r.bad("tenants", "must name at least one tenant (leave it out for a route every tenant uses)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < only.size(); i++) {
            if (!known.contains(only.get(i))) {
                throw r.bad("tenants", i, "unknown tenant '" + only.get(i) + "'");
            }
            if (!seen.add(only.get(i))) {
                throw r.bad("tenants", i, "duplicate tenant '" + only.get(i) + "'");
            }
        }
        return only;
    }

    /** Either a plain carrier id (priority = position from 1, cost 0, weight 1) or {id, cost, priority, weight}. */
    private static List<RouteCandidate> candidates(ConfigNode r, Set<String> known) {
        if (!r.json().path("carriers").isArray() || r.json().path("carriers").isEmpty()) {
            throw r.bad("carriers", "a non-empty list of carrier ids is required");
        }
        List<ConfigNode> list = r.list("carriers");
        List<RouteCandidate> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigNode n = list.get(i);
            RouteCandidate c;
            if (n.json().isObject()) {
                n.only("id", "cost", "priority", "weight");
                String id = n.required("id", ID_MAX);
                if (!known.contains(id)) {
                    throw n.bad("id", "unknown carrier '" + id + "'");
                }
                c = new RouteCandidate(id, n.nonNegativeDecimal("cost", 0.0),
                        n.integer("priority", i + 1, 0, 1_000_000), n.integer("weight", 1, 1, 1_000_000));
            } else {
                if (!n.json().isTextual() || !known.contains(n.json().asText())) {
                    throw r.bad("carriers", i, "unknown carrier '" + n.json().asText() + "'");
                }
                c = new RouteCandidate(n.json().asText(), 0.0, i + 1, 1);
            }
            if (!seen.add(c.carrierId())) {
                throw r.bad("carriers", i, "carrier '" + c.carrierId() + "' is already a candidate of this route");
            }
            out.add(c);
        }
        return out;
    }
}
