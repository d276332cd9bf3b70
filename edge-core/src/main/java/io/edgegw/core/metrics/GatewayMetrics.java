package io.edgegw.core.metrics;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Every meter the core keeps, registered once at start from the configuration so the message path only
 * increments cached {@link Counter} references and never creates tags.
 */
public final class GatewayMetrics implements AutoCloseable {
    /** How a carrier answered a submit, as counted per carrier. */
    public enum Outcome { OK, THROTTLED, TRANSIENT, PERMANENT, UNANSWERED }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * Listens to the JVM's GC notifications (a JNI global root): until closed it holds the registry and, through its
     * meters, the gateway that registered them, so a JVM that runs gateway after gateway (the tests) would keep each.
     */
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Counter[] acceptedByTenant;
    private final Map<String, Counter> submitsByCarrier = new HashMap<>();
    private final Map<String, Counter[]> responsesByCarrier = new HashMap<>();
    private final Map<String, Timer> responseTimeByCarrier = new HashMap<>();
    private final Map<String, Counter> reconnectsByCarrier = new HashMap<>();
    private final Map<String, Counter> bindLossesByCarrier = new HashMap<>();
    private final Set<String> connectedOnce = ConcurrentHashMap.newKeySet();
    private final Counter unmatchedReceipts;
    private final Counter noRoute;

    private static final Duration[] RESPONSE_BUCKETS = Stream.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000,
            10000).map(Duration::ofMillis).toArray(Duration[]::new);

    public GatewayMetrics(GatewayConfig config) {
        // the JVM and the process, as every Micrometer-instrumented service shows them
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        List<TenantConfig> tenants = config.tenants();
        acceptedByTenant = new Counter[tenants.size()];
        for (int i = 0; i < tenants.size(); i++) {
            acceptedByTenant[i] = Counter.builder("edge_tenant_submits_accepted").tag("tenant", tenants.get(i).id())
                    .description("submit_sm journaled and acknowledged").register(registry);
        }
        for (CarrierConfig c : config.carriers()) {
            submitsByCarrier.put(c.id(), Counter.builder("edge_carrier_submits").tag("carrier", c.id())
                    .description("submit_sm offered to a bind of the carrier").register(registry));
            Counter[] byOutcome = new Counter[Outcome.values().length];
            for (Outcome o : Outcome.values()) {
                byOutcome[o.ordinal()] = Counter.builder("edge_carrier_responses").tag("carrier", c.id())
                        .tag("outcome", o.name().toLowerCase()).register(registry);
            }
            responsesByCarrier.put(c.id(), byOutcome);
            // fixed buckets rather than a percentile histogram: a dozen series per carrier, enough for alerting
            responseTimeByCarrier.put(c.id(), Timer.builder("edge_carrier_response").tag("carrier", c.id())
                    .description("submit_sm to submit_sm_resp, any status")
                    .serviceLevelObjectives(RESPONSE_BUCKETS).register(registry));
            reconnectsByCarrier.put(c.id(), Counter.builder("edge_carrier_reconnects").tag("carrier", c.id())
                    .description("carrier bind connection attempts after it was down").register(registry));
            bindLossesByCarrier.put(c.id(), Counter.builder("edge_carrier_bind_losses").tag("carrier", c.id())
                    .description("carrier binds lost while bound").register(registry));
        }
        unmatchedReceipts = Counter.builder("edge_receipts_unmatched")
                .description("carrier receipts dropped: no correlation within the park time").register(registry);
        noRoute = Counter.builder("edge_submits_no_route").description("messages failed for want of a route")
                .register(registry);
    }

    /** Gauges over the registered carrier binds, one per carrier and state, evaluated only on scrape. */
    public void bindStates(Collection<String> carrierIds, Collection<CarrierBind> binds) {
        for (String carrier : carrierIds) {
            for (BindState s : BindState.values()) {
                Gauge.builder("edge_carrier_binds", binds, all -> all.stream()
                                .filter(b -> b.carrierId().equals(carrier) && b.state() == s).count())
                        .tag("carrier", carrier).tag("state", s.name().toLowerCase()).register(registry);
            }
        }
    }

    /**
     * Per bind (a handful per carrier, registered when the connector creates them): 1 while bound, and its window
     * slots in use. Returns the meters, to remove when the bind goes away.
     */
    public List<Meter> bindMeters(CarrierBind bind, int window) {
        return List.of(
                Gauge.builder("edge_bind_bound", bind, b -> b.state() == BindState.BOUND ? 1 : 0)
                        .tag("carrier", bind.carrierId()).tag("bind", bind.name())
                        .description("1 while the carrier bind is bound").register(registry),
                Gauge.builder("edge_bind_window_in_use", bind, b -> b.isReady() ? Math.max(0, window - b.availableWindow()) : 0)
                        .tag("carrier", bind.carrierId()).tag("bind", bind.name())
                        .description("submit_sm outstanding on the bind").register(registry));
    }

    public void remove(List<Meter> meters) {
        meters.forEach(registry::remove);
    }

    /** Per carrier: submit_sm outstanding over its ready binds, and what those binds may have outstanding. */
    public void windows(List<CarrierConfig> carriers, Collection<CarrierBind> binds) {
        for (CarrierConfig c : carriers) {
            Gauge.builder("edge_carrier_window_in_use", binds, all -> all.stream()
                            .filter(b -> b.carrierId().equals(c.id()) && b.isReady())
                            .mapToInt(b -> Math.max(0, c.window() - b.availableWindow())).sum())
                    .tag("carrier", c.id()).register(registry);
            Gauge.builder("edge_carrier_window_size", binds, all -> all.stream()
                            .filter(b -> b.carrierId().equals(c.id()) && b.isReady()).count() * (double) c.window())
                    .tag("carrier", c.id()).register(registry);
        }
    }

    public Timer responseTime(String carrierId) {
        return responseTimeByCarrier.get(carrierId);
    }

    /** A carrier bind changed state (rare: counted by map lookup on the bind's own thread). */
    public void bindStateChanged(String carrierId, String bindName, BindState from, BindState to) {
        // a bind's first connect at start is not a reconnect
        if (to == BindState.CONNECTING && from == BindState.DOWN && !connectedOnce.add(bindName)) {
            Counter c = reconnectsByCarrier.get(carrierId);
            if (c != null) {
                c.increment();
            }
        } else if (from == BindState.BOUND && to == BindState.DOWN) {
            Counter c = bindLossesByCarrier.get(carrierId);
            if (c != null) {
                c.increment();
            }
        }
    }

    public <T> void gauge(String name, String tagKey, String tagValue, T obj, ToDoubleFunction<T> f) {
        Gauge.builder(name, obj, f).tag(tagKey, tagValue).strongReference(true).register(registry);
    }

    public <T> void gauge(String name, T obj, ToDoubleFunction<T> f) {
        Gauge.builder(name, obj, f).strongReference(true).register(registry);
    }

    /** As {@link #counter(String, String, Object, ToDoubleFunction)}, with one tag. */
    public <T> void counter(String name, String description, String tagKey, String tagValue, T obj,
                            ToDoubleFunction<T> f) {
        FunctionCounter.builder(name, obj, f).description(description).tag(tagKey, tagValue).register(registry);
    }

    /** A counter whose count lives in {@code obj} (a monotonic total kept by its owner), read on scrape. */
    public <T> void counter(String name, String description, T obj, ToDoubleFunction<T> f) {
        FunctionCounter.builder(name, obj, f).description(description).register(registry);
    }

    /** A counter of one tenant's, registered at start so its series is there (at 0) from the first scrape. */
    public Counter tenantCounter(String name, String tenantId, String description) {
        return Counter.builder(name).tag("tenant", tenantId).description(description).register(registry);
    }

    /** One counter per journal event kind ({@code event} label), indexed by the kind's ordinal. */
    public <E extends Enum<E>> Counter[] journalErrors(Class<E> kinds) {
        E[] all = kinds.getEnumConstants();
        Counter[] out = new Counter[all.length];
        for (E k : all) {
            out[k.ordinal()] = Counter.builder("edge_journal_errors").tag("event", k.name().toLowerCase())
                    .description("journal events that failed to write (the journal went on)").register(registry);
        }
        return out;
    }

    public Counter[] acceptedByTenant() {
        return acceptedByTenant;
    }

    /** Null for a carrier not in the configuration. */
    public Counter submits(String carrierId) {
        return submitsByCarrier.get(carrierId);
    }

    public Counter[] responses(String carrierId) {
        return responsesByCarrier.get(carrierId);
    }

    public Counter unmatchedReceipts() {
        return unmatchedReceipts;
    }

    public Counter noRoute() {
        return noRoute;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    /**
     * Stops listening to the JVM's GC notifications, so nothing outside the gateway holds its registry. The meters can
     * still be read (tests read counters after a stop).
     */
    @Override
    public void close() {
        gcMetrics.close();
    }
}
