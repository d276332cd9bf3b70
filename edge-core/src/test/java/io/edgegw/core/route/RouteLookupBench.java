package io.edgegw.core.route;

import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Not a test: route lookups per second, single-threaded, over a table of 100,000 random prefixes (lengths 1-12)
 * plus 500 overrides (lengths 3-7) for each of 20 tenants; also the time to build the table and roughly the heap
 * it holds. Lookups with a tenant alternate between the 20 tenants with overrides and 20 without. Figures and the
 * command are in BENCHMARKS.md, "Route lookups".
 *
 * <pre>
 * cd edge-core &amp;&amp; mvn -B -q test-compile &amp;&amp; java -cp target/classes:target/test-classes io.edgegw.core.route.RouteLookupBench [prefixes] [seed]
 * </pre>
 */
public final class RouteLookupBench {
    private static final int TENANTS_WITH_OVERRIDES = 20;
    private static final int OVERRIDES_PER_TENANT = 500;
    private static final int DESTINATIONS = 1 << 20;
    private static final int ROUNDS = 5;
    private static final int LOOKUPS_PER_ROUND = 5_000_000;

    public static void main(String[] args) {
        int prefixes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Random rnd = new Random(seed);

        List<String> general = uniquePrefixes(rnd, prefixes, 1, 12);
        List<RouteConfig> config = new ArrayList<>();
        for (String p : general) {
            config.add(new RouteConfig(p, candidates(rnd), List.of()));
        }
        for (int t = 0; t < TENANTS_WITH_OVERRIDES; t++) {
            for (String p : uniquePrefixes(rnd, OVERRIDES_PER_TENANT, 3, 7)) {
                config.add(new RouteConfig(p, candidates(rnd), List.of("tenant" + t)));
            }
        }
        // half the lookups come from tenants without overrides, who walk the general trie only
        String[] tenants = new String[2 * TENANTS_WITH_OVERRIDES];
        for (int t = 0; t < tenants.length; t++) {
            tenants[t] = "tenant" + t;
        }
        String[] destinations = new String[DESTINATIONS];
        for (int i = 0; i < DESTINATIONS; i++) {
            // mostly numbers under a configured prefix, so lookups go deep; some anywhere
            String head = rnd.nextInt(4) > 0 ? general.get(rnd.nextInt(general.size())) : "";
            StringBuilder b = new StringBuilder("+").append(head);
            while (b.length() < 13) {
                b.append((char) ('0' + rnd.nextInt(10)));
            }
            destinations[i] = b.toString();
        }

        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        RouteTable table = new RouteTable(config);
        long buildNanos = System.nanoTime() - t0;
        long heapAfter = usedHeapAfterGc();
        System.out.printf("routes: %,d general (lengths 1-12) + %,d overrides (lengths 3-7) for %d tenants%n",
                general.size(), TENANTS_WITH_OVERRIDES * OVERRIDES_PER_TENANT, TENANTS_WITH_OVERRIDES);
        System.out.printf("build: %.0f ms, heap held by the table: ~%,d MB%n", buildNanos / 1e6,
                (heapAfter - heapBefore) >> 20);

        long sink = 0;
        for (int round = -2; round < ROUNDS; round++) { // two warm-up rounds
            long start = System.nanoTime();
            for (int i = 0; i < LOOKUPS_PER_ROUND; i++) {
                sink += table.lookup(destinations[i & (DESTINATIONS - 1)]).size();
            }
            long mid = System.nanoTime();
            for (int i = 0; i < LOOKUPS_PER_ROUND; i++) {
                sink += table.lookup(tenants[i % tenants.length], destinations[i & (DESTINATIONS - 1)]).size();
            }
            long end = System.nanoTime();
            System.out.printf("%s: lookup(dest) %,.0f /s, lookup(tenant, dest) %,.0f /s%n",
                    round < 0 ? "warm-up" : "round " + (round + 1),
                    LOOKUPS_PER_ROUND * 1e9 / (mid - start), LOOKUPS_PER_ROUND * 1e9 / (end - mid));
        }
        System.out.println("(sink " + sink + ")");
    }

    private static List<String> uniquePrefixes(Random rnd, int count, int minLength, int maxLength) {
        Set<String> out = new HashSet<>();
        while (out.size() < count) {
            int length = minLength + rnd.nextInt(maxLength - minLength + 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < length; i++) {
                b.append((char) ('0' + rnd.nextInt(10)));
            }
            out.add(b.toString());
        }
        return new ArrayList<>(out);
    }

    private static List<RouteCandidate> candidates(Random rnd) {
        List<RouteCandidate> out = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int c = 0; c < n; c++) {
            out.add(new RouteCandidate("carrier" + (c * 20 + rnd.nextInt(20)), rnd.nextInt(50) / 10_000.0,
                    1 + rnd.nextInt(2), 1 + rnd.nextInt(3)));
        }
        return out;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
