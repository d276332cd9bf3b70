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

    private final DigitTrie<List<RouteCandidate>> general;
    private final Map<String, DigitTrie<List<RouteCandidate>>> byTenant = new HashMap<>();

    public RouteTable(List<RouteConfig> config) {
        Map<String, List<RouteCandidate>> generalRoutes = new HashMap<>();
        Map<String, Map<String, List<RouteCandidate>>> tenantRoutes = new HashMap<>();
        for (RouteConfig r : config) {
            List<RouteCandidate> sorted = new ArrayList<>(r.carriers());
            sorted.sort(PREFERENCE);
            List<RouteCandidate> candidates = List.copyOf(sorted);
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
    public List<RouteCandidate> lookup(String tenantId, CharSequence destination) {
        DigitTrie<List<RouteCandidate>> own = tenantId == null ? null : byTenant.get(tenantId);
        List<RouteCandidate> found = own == null ? null : own.lookup(destination);
        if (found == null) {
            found = general.lookup(destination);
        }
        return found == null ? List.of() : found;
    }

    /** Candidates of the longest matching general route (no tenant's overrides), or an empty list. */
    public List<RouteCandidate> lookup(CharSequence destination) {
        return lookup(null, destination);
    }
}
