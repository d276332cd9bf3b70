package io.edgegw.core.usage;

import io.edgegw.core.text.Alphabet;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The segments of accepted messages, {@code edge_tenant_segments_total{tenant, encoding}}: one counter per configured
 * tenant and {@link Alphabet}, all registered here at start (registering again returns the same counters), so
 * counting on a connector's I/O thread is a map lookup and an add, with no tags made.
 */
public final class SegmentCounters {
    private final Map<String, Counter[]> byTenant = new HashMap<>();

    public SegmentCounters(MeterRegistry meters, Iterable<String> tenantIds) {
        for (String tenant : tenantIds) {
            Counter[] byAlphabet = new Counter[Alphabet.values().length];
            for (Alphabet a : Alphabet.values()) {
                byAlphabet[a.ordinal()] = Counter.builder("edge_tenant_segments").tag("tenant", tenant)
                        .tag("encoding", encoding(a))
                        .description("segments of the submits the core took from the tenant").register(meters);
            }
            byTenant.put(tenant, byAlphabet);
        }
    }

    /** The {@code encoding} label: {@code gsm7}, {@code ia5}, {@code latin1}, {@code ucs2} or {@code binary}. */
    public static String encoding(Alphabet alphabet) {
        return alphabet.name().toLowerCase(Locale.ROOT);
    }

    /** Counts {@code segments} in {@code alphabet} for a tenant; a tenant not configured at start is not counted. */
    public void add(String tenantId, Alphabet alphabet, int segments) {
        Counter[] byAlphabet = byTenant.get(tenantId);
        if (byAlphabet != null) {
            byAlphabet[alphabet.ordinal()].increment(segments);
        }
    }
}
