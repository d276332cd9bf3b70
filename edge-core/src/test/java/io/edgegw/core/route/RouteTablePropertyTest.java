package io.edgegw.core.route;

import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The route table against a brute-force reference that scans every route: random tables (with the "" default
 * route, overlapping prefixes, per-tenant overrides) and random destinations (with '+', spaces and letters, which
 * the table skips). A failure names the seed; rerun one seed by putting it alone in {@link #SEEDS}.
 */
class RouteTablePropertyTest {
    private static final long[] SEEDS = {1, 2, 3, 42, 1009, 65_537, 20_261_123, 0xC0FFEE};
    private static final int TABLES_PER_SEED = 60;
    private static final int LOOKUPS_PER_TABLE = 40;
    private static final String[] TENANTS = {"t0", "t1", "t2"};
    /** PrefixMap reads only this many characters of a destination (digits or not). */
    private static final int ADDRESS_CHARS = 64;

    @Test
    void lookupsAgreeWithAScanOfEveryRoute() {
        int cases = 0;
        for (long seed : SEEDS) {
            Random rnd = new Random(seed);
            for (int table = 0; table < TABLES_PER_SEED; table++) {
                List<RouteConfig> routes = randomRoutes(rnd);
                RouteTable t = new RouteTable(routes);
                for (int k = 0; k < LOOKUPS_PER_TABLE; k++) {
                    String tenant = randomTenant(rnd);
                    String dest = randomDestination(rnd, routes);
                    assertEquals(reference(routes, tenant, dest), t.lookup(tenant, dest),
                            () -> "seed " + seed + ", routes " + routes + ", tenant " + tenant
                                    + ", destination '" + dest + "'");
                    if (tenant == null) {
                        assertEquals(reference(routes, null, dest), t.lookup(dest), "seed " + seed);
                    }
                    cases++;
                }
            }
        }
        assertEquals(SEEDS.length * TABLES_PER_SEED * LOOKUPS_PER_TABLE, cases);
    }

    /** The rule as written in CONFIGURATION.md, by scanning: the tenant's own longest match, else the general one. */
    private static List<RouteCandidate> reference(List<RouteConfig> routes, String tenant, String dest) {
        String digits = digitsOf(dest);
        RouteConfig found = tenant == null ? null : longest(routes, r -> r.tenants().contains(tenant), digits);
        if (found == null) {
            found = longest(routes, r -> r.tenants().isEmpty(), digits);
        }
        return found == null ? List.of() : byPriorityThenCost(found.carriers());
    }

    private static RouteConfig longest(List<RouteConfig> routes, Predicate<RouteConfig> applies, String digits) {
        RouteConfig best = null;
        for (RouteConfig r : routes) {
            if (applies.test(r) && digits.startsWith(r.prefix())
                    && (best == null || r.prefix().length() > best.prefix().length())) {
                best = r;
            }
        }
        return best;
    }

    private static String digitsOf(String dest) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(dest.length(), ADDRESS_CHARS); i++) {
            char c = dest.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A stable insertion sort, written apart from RouteTable's comparator on purpose. */
    private static List<RouteCandidate> byPriorityThenCost(List<RouteCandidate> in) {
        List<RouteCandidate> out = new ArrayList<>();
        for (RouteCandidate c : in) {
            int at = out.size();
            while (at > 0 && (out.get(at - 1).priority() > c.priority()
                    || out.get(at - 1).priority() == c.priority() && out.get(at - 1).cost() > c.cost())) {
                at--;
            }
            out.add(at, c);
        }
        return out;
    }

    /** Up to 40 routes over a small digit alphabet so prefixes overlap; unique per (tenant, prefix) as config demands. */
    private static List<RouteConfig> randomRoutes(Random rnd) {
        int digits = rnd.nextBoolean() ? 3 : 10;
        int count = rnd.nextInt(41);
        Set<String> claimed = new HashSet<>();
        List<RouteConfig> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String prefix = randomDigits(rnd, rnd.nextInt(7), digits);
            List<String> tenants = new ArrayList<>();
            if (rnd.nextInt(5) < 2) {
                for (String t : TENANTS) {
                    if (rnd.nextInt(3) == 0) {
                        tenants.add(t);
                    }
                }
                if (tenants.isEmpty()) {
                    tenants.add(TENANTS[rnd.nextInt(TENANTS.length)]);
                }
            }
            boolean free = true;
            for (String t : tenants.isEmpty() ? List.of("") : tenants) {
                free &= !claimed.contains(t + "|" + prefix);
            }
            if (!free) {
                continue;
            }
            for (String t : tenants.isEmpty() ? List.of("") : tenants) {
                claimed.add(t + "|" + prefix);
            }
            List<RouteCandidate> candidates = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int c = 0; c < n; c++) {
                // few distinct priorities and costs, so ties (and the order they keep) are common
                candidates.add(new RouteCandidate("r" + i + "c" + c, rnd.nextInt(3) * 0.0015, rnd.nextInt(3),
                        1 + rnd.nextInt(5)));
            }
            out.add(new RouteConfig(prefix, candidates, tenants));
        }
        return out;
    }

    private static String randomTenant(Random rnd) {
        int k = rnd.nextInt(TENANTS.length + 2);
        return k < TENANTS.length ? TENANTS[k] : k == TENANTS.length ? null : "unknown";
    }

    /** Mostly a configured prefix carried on, sometimes anything; with '+', spaces, letters, now and then very long. */
    private static String randomDestination(Random rnd, List<RouteConfig> routes) {
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(4) == 0) {
            b.append('+');
        }
        if (rnd.nextInt(15) == 0) {
            b.append(" -".repeat(28 + rnd.nextInt(6))); // around the 64 characters the table reads
        }
        if (!routes.isEmpty() && rnd.nextInt(3) > 0) {
            b.append(routes.get(rnd.nextInt(routes.size())).prefix());
        }
        int more = rnd.nextInt(10) == 0 ? 40 + rnd.nextInt(40) : rnd.nextInt(12);
        for (int i = 0; i < more; i++) {
            int k = rnd.nextInt(20);
            b.append(k < 16 ? (char) ('0' + rnd.nextInt(k < 8 ? 3 : 10)) : " +-a".charAt(k - 16));
        }
        if (rnd.nextInt(8) == 0 && b.length() > 0) {
            b.insert(rnd.nextInt(b.length()), ' ');
        }
        return b.toString();
    }

    private static String randomDigits(Random rnd, int length, int alphabet) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append((char) ('0' + rnd.nextInt(alphabet)));
        }
        return b.toString();
    }
}
