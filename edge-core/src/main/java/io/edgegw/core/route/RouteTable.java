package io.edgegw.core.route;

import io.edgegw.core.config.RouteConfig;

import java.util.List;

/**
 * Longest-prefix match of a destination address over digit prefixes, as a digit trie built once from config.
 * Lookups allocate nothing; non-digit characters (a leading '+', spaces) are skipped.
 */
public final class RouteTable {
    private final Node root = new Node();

    public RouteTable(List<RouteConfig> routes) {
        for (RouteConfig r : routes) {
            Node n = root;
            for (int i = 0; i < r.prefix().length(); i++) {
                int d = r.prefix().charAt(i) - '0';
                if (d < 0 || d > 9) {
                    throw new IllegalArgumentException("route prefix must be digits: " + r.prefix());
                }
                if (n.next[d] == null) {
                    n.next[d] = new Node();
                }
                n = n.next[d];
            }
            n.carriers = List.copyOf(r.carriers());
        }
    }

    /** Carrier ids in preference order for the longest matching prefix, or null when no route matches. */
    public List<String> lookup(CharSequence destination) {
        Node n = root;
        List<String> best = root.carriers;
        int len = destination == null ? 0 : Math.min(destination.length(), 64);
        for (int i = 0; i < len && n != null; i++) {
            int d = destination.charAt(i) - '0';
            if (d < 0 || d > 9) {
                continue;
            }
            n = n.next[d];
            if (n != null && n.carriers != null) {
                best = n.carriers;
            }
        }
        return best;
    }

    private static final class Node {
        final Node[] next = new Node[10];
        List<String> carriers;
    }
}
