package io.edgegw.bench;

import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;
import io.edgegw.core.route.Route;
import io.edgegw.core.route.RouteTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@link RouteTable#lookup} (longest digit prefix, a tenant's own routes first) on a table shaped like a wholesale
 * operator's: {@code routes} general routes spread over 200 country codes of 1-3 digits (none a prefix of another)
 * with longer network prefixes (up to 7 digits) under them, each with two or three carriers by priority and cost,
 * plus 10 tenants with 20 routes of their own each. Destinations are 4,096 E.164 numbers under those prefixes (a
 * tenth under no route at all), looked up in turn for one of 20 tenants (half of them with routes of their own).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouteLookupBench {
    private static final int DESTINATIONS = 4096;
    private static final int TENANTS = 20;

    @Param({"2000"})
    int routes;

    private RouteTable table;
    private String[] destinations;
    private String[] tenants;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(16);
        // E.164's shape: 1 and 7 alone; 2-digit stems under the other first digits, 40 of them country codes and
        // the other 30 holding 3-digit codes; 200 codes in all, none a prefix of another
        List<String> stems = new ArrayList<>();
        for (char first : "2345689".toCharArray()) {
            for (char second = '0'; second <= '9'; second++) {
                stems.add("" + first + second);
            }
        }
        Collections.shuffle(stems, new Random(16));
        List<String> countries = new ArrayList<>(List.of("1", "7"));
        countries.addAll(stems.subList(0, 40));
        for (String stem : stems.subList(40, stems.size())) {
            for (char third = '0'; third <= '9' && countries.size() < 200; third++) {
                countries.add(stem + third);
            }
        }
        List<String> carriers = List.of("telco-a", "telco-b", "telco-c", "telco-d", "telco-e");
        List<RouteConfig> config = new ArrayList<>();
        List<String> prefixes = new ArrayList<>(countries);
        for (String cc : countries) {
            config.add(route(cc, carriers, random, List.of()));
        }
        while (config.size() < routes) {
            String cc = countries.get(random.nextInt(countries.size()));
            String prefix = cc + digits(random, 1 + random.nextInt(4));
            if (!prefixes.contains(prefix)) {
                prefixes.add(prefix);
                config.add(route(prefix, carriers, random, List.of()));
            }
        }
        tenants = new String[TENANTS];
        for (int t = 0; t < TENANTS; t++) {
            tenants[t] = "tenant-" + t;
            if (t % 2 == 0) {
                for (int r = 0; r < 20; r++) {
                    String prefix = prefixes.get(random.nextInt(prefixes.size()));
                    config.add(route(prefix, carriers, random, List.of(tenants[t])));
                }
            }
        }
        table = new RouteTable(config);
        destinations = new String[DESTINATIONS];
        for (int i = 0; i < DESTINATIONS; i++) {
            String prefix = i % 10 == 9 ? "0" : prefixes.get(random.nextInt(prefixes.size()));
            destinations[i] = prefix + digits(random, Math.max(0, 12 - prefix.length()));
        }
    }

    private static RouteConfig route(String prefix, List<String> carriers, SplittableRandom random,
                                     List<String> tenants) {
        int count = 2 + random.nextInt(2);
        List<RouteCandidate> candidates = new ArrayList<>(count);
        int first = random.nextInt(carriers.size());
        for (int i = 0; i < count; i++) {
            candidates.add(new RouteCandidate(carriers.get((first + i) % carriers.size()),
                    random.nextInt(50) / 10_000.0, 1 + random.nextInt(2), 1));
        }
        return new RouteConfig(prefix, candidates, tenants);
    }

    private static String digits(SplittableRandom random, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** One lookup of the next destination for the next tenant. */
    @Benchmark
    public Route lookup() {
        int i = next++ & (DESTINATIONS - 1);
        return table.lookup(tenants[i % TENANTS], destinations[i]);
    }
}
