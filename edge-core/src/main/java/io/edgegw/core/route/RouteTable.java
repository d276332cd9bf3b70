package io.edgegw.core.route;

import io.edgegw.core.config.RouteConfig;

import java.util.List;

/** Destination address -> carrier ids in preference order, by longest digit prefix, built once from config. */
public final class RouteTable {
    private final PrefixMap<List<String>> routes = new PrefixMap<>();

    public RouteTable(List<RouteConfig> config) {
        for (RouteConfig r : config) {
            routes.put(r.prefix(), List.copyOf(r.carriers()));
        }
    }

    /** Carrier ids in preference order for the longest matching prefix, or null when no route matches. */
    public List<String> lookup(CharSequence destination) {
        return routes.lookup(destination);
    }
}
