package io.edgegw.core.route;

import io.edgegw.core.config.RouteCandidate;

import java.util.AbstractList;
import java.util.List;

/**
 * One configured route: its prefix, its candidates best first, and its position among the configured routes, so
 * the dispatcher can keep a quality per carrier and prefix in a plain array. Unmodifiable.
 */
public final class Route extends AbstractList<RouteCandidate> {
    /** No route matched. */
    public static final Route NONE = new Route(-1, "", List.of(), List.of());

    private final int index;
    private final String prefix;
    private final List<String> tenants;
    private final List<RouteCandidate> candidates;

    Route(int index, String prefix, List<String> tenants, List<RouteCandidate> candidates) {
        this.index = index;
        this.prefix = prefix;
        this.tenants = List.copyOf(tenants);
        this.candidates = List.copyOf(candidates);
    }

    /** 0 .. {@link RouteTable#size()}-1, the route's position in the configuration; -1 for {@link #NONE}. */
    public int index() {
        return index;
    }

    public String prefix() {
        return prefix;
    }

    /** The tenants it is for; empty = every tenant. */
    public List<String> tenants() {
        return tenants;
    }

    @Override
    public RouteCandidate get(int i) {
        return candidates.get(i);
    }

    @Override
    public int size() {
        return candidates.size();
    }
}
