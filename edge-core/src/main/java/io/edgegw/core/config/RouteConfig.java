package io.edgegw.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Destinations starting with {@code prefix} (digits; empty matches all) may go to {@code carriers}. A route with
 * {@code tenants} applies only to those tenants and, for them, is looked up before every general route.
 *
 * @param carriers candidates as configured (not yet sorted by priority and cost)
 * @param tenants  tenant ids the route is restricted to; empty = a general route for every tenant
 */
public record RouteConfig(String prefix, List<RouteCandidate> carriers, List<String> tenants) {
    public RouteConfig {
        carriers = List.copyOf(carriers);
        tenants = List.copyOf(tenants);
    }

    /** A general route to carriers tried in the given order, all of equal cost and weight. */
    public RouteConfig(String prefix, List<String> carrierIds) {
        this(prefix, inOrder(carrierIds), List.of());
    }

    /** Candidates with priorities 1, 2, ... in list order, cost 0 and weight 1: the plain {@code [a, b]} form. */
    public static List<RouteCandidate> inOrder(List<String> carrierIds) {
        List<RouteCandidate> out = new ArrayList<>(carrierIds.size());
        for (int i = 0; i < carrierIds.size(); i++) {
            out.add(new RouteCandidate(carrierIds.get(i), 0.0, i + 1, 1));
        }
        return out;
    }
}
