package io.edgegw.core.route;

import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (tenant, destination) -> carrier candidates in the order to try them, by longest digit prefix, built once from
 * config. A tenant with routes of its own is looked up among those first; only when none of them matches do the
 * general routes apply. So a tenant's route for "44" also beats a general "447": an override covers its whole
 * prefix unless the tenant adds longer routes of its own. Lookups allocate nothing and take no lock.
 */
public final class RouteTable {
    /** Priority first (lower first), then cost (cheaper first); equal ones keep their configured order. */
    public static final Comparator<RouteCandidate> PREFERENCE =
            Comparator.comparingInt(RouteCandidate::priority).thenComparingDouble(RouteCandidate::cost);

    private final DigitTrie<Route> general;
    private final Map<String, DigitTrie<Route>> byTenant = new HashMap<>();
    private final List<Route> all = new ArrayList<>();

    public RouteTable(List<RouteConfig> config) {
        Map<String, Route> generalRoutes = new HashMap<>();
        Map<String, Map<String, Route>> tenantRoutes = new HashMap<>();
        for (RouteConfig r : config) {
            List<RouteCandidate> sorted = new ArrayList<>(r.carriers());
            sorted.sort(PREFERENCE);
            Route candidates = new Route(all.size(), r.prefix(), r.tenants(), sorted);
            all.add(candidates);
            if (r.tenants().isEmpty()) {
                generalRoutes.put(r.prefix(), candidates);
            }
            for (String t : r.tenants()) {
                tenantRoutes.computeIfAbsent(t, k -> new HashMap<>()).put(r.prefix(), candidates);
            }
        }
        general = new DigitTrie<>(generalRoutes);
        tenantRoutes.forEach((t, routes) -> byTenant.put(t, new DigitTrie<>(routes)));
    }

    /**
     * Candidates of the tenant's longest matching own route, else of the longest matching general route, sorted by
     * {@link #PREFERENCE}; an empty list when no route matches. Unmodifiable; the same instance every time.
     */
    public Route lookup(String tenantId, CharSequence destination) {
        DigitTrie<Route> own = tenantId == null ? null : byTenant.get(tenantId);
        Route found = own == null ? null : own.lookup(destination);
        if (found == null) {
            found = general.lookup(destination);
        }
        return found == null ? Route.NONE : found;
    }

    /** How many routes are configured; {@link Route#index()} is below it. */
    public int size() {
        return all.size();
    }

    /** Every configured route, in configuration order. */
    public List<Route> routes() {
        return List.copyOf(all);
    }

    /** Candidates of the longest matching general route (no tenant's overrides), or an empty list. */
    public Route lookup(CharSequence destination) {
        return lookup(null, destination);
    }
}
