package io.edgegw.sip.proxy;

import io.edgegw.sip.cdr.CallDetail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The proxy's meters, all registered when it starts, one set per tenant and per carrier trunk: the call path only
 * looks a meter up in a map, it never makes one.
 */
final class SipMetrics {
    enum Outcome { ANSWERED, FAILED, CANCELLED, REFUSED }

    /** Why the proxy itself answered a tenant's INVITE with a failure. */
    static final List<String> REFUSALS = List.of("cps", "concurrent", "no_route", "max_calls", "bad_request");
    /** The tenant label of INVITEs from addresses no tenant lists (refused "forbidden"). */
    static final String NO_TENANT = "unknown";
    /**
     * Why an INVITE whose caller is not known (no tenant's or carrier's address, no right credentials) was refused:
     * 403 to a stranger, a stranger dropped ({@code sip.strangers: drop}), wrong digest credentials (or an unknown
     * username: the same to the caller), a digest for another Request-URI, a nonce count used before (a fresh 407),
     * credentials from an address locked out after failing too often.
     */
    static final List<String> UNKNOWN_REFUSALS = List.of("forbidden", "dropped", "digest_wrong", "digest_uri",
            "digest_replay", "digest_throttled");

    private static final Duration[] SETUP_BUCKETS = Stream.of(50, 100, 250, 500, 1000, 2000, 3000, 5000, 10_000,
            20_000, 30_000).map(Duration::ofMillis).toArray(Duration[]::new);
    private static final String[] CODE_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "6xx"};

    private final Map<String, Counter[]> callsByTenant = new HashMap<>();
    private final Map<String, Map<String, Counter>> refusedByTenant = new HashMap<>();
    private final Map<String, Counter> pacedByTenant = new HashMap<>();
    private final Map<String, Counter> unknownRefused = new HashMap<>();
    private final Map<String, Timer> setupByCarrier = new HashMap<>();
    private final Map<String, Counter[]> responsesByCarrier = new HashMap<>();
    private final Map<String, Counter> timeoutsByCarrier = new HashMap<>();
    private final InboundMetrics inbound;
    private final Counter overload;
    private final Counter malformed;
    private final Counter stopping;
    private final LongAdder stray = new LongAdder();
    private final LongAdder cancels = new LongAdder();

    SipMetrics(MeterRegistry registry, Map<String, CallLimit> tenants, Map<String, Trunk> trunks) {
        this(registry, tenants, trunks, new InboundMetrics(registry, List.of(), List.of()));
    }

    SipMetrics(MeterRegistry registry, Map<String, CallLimit> tenants, Map<String, Trunk> trunks,
               InboundMetrics inbound) {
        this.inbound = inbound;
        this.overload = Counter.builder("edge_sip_overload_refused")
                .description("New INVITEs answered 503 with Retry-After, statelessly, while work waited longer than "
                        + "sip.overloadMillis").register(registry);
        this.stopping = Counter.builder("edge_sip_stopping_refused")
                .description("New INVITEs answered 503 with Retry-After, statelessly, while the gateway stops")
                .register(registry);
        FunctionCounter.builder("edge_sip_stray_responses", stray, LongAdder::sum)
                .description("Responses matching no transaction of the proxy").register(registry);
        FunctionCounter.builder("edge_sip_cancels", cancels, LongAdder::sum).description("CANCELs received")
                .register(registry);
        this.malformed = Counter.builder("edge_sip_malformed")
                .description("SIP messages that could not be parsed (answered 400 where they could be)")
                .register(registry);
        tenants.forEach((id, limit) -> {
            Gauge.builder("edge_sip_calls_active", limit, CallLimit::active).tag("tenant", id)
                    .description("SIP calls of the tenant being set up or answered").strongReference(true)
                    .register(registry);
            Counter[] byOutcome = new Counter[Outcome.values().length];
            for (Outcome o : Outcome.values()) {
                byOutcome[o.ordinal()] = Counter.builder("edge_sip_calls").tag("tenant", id)
                        .tag("outcome", o.name().toLowerCase()).description("SIP calls of the tenant by how they went")
                        .register(registry);
            }
            callsByTenant.put(id, byOutcome);
            Map<String, Counter> refused = new HashMap<>();
            for (String r : REFUSALS) {
                refused.put(r, refusedCounter(registry, id, r));
            }
            refusedByTenant.put(id, refused);
            pacedByTenant.put(id, Counter.builder("edge_sip_paced_calls").tag("tenant", id)
                    .description("INVITEs over the tenant's calls per second that waited their turn, then went on")
                    .register(registry));
        });
        UNKNOWN_REFUSALS.forEach(r -> unknownRefused.put(r, refusedCounter(registry, NO_TENANT, r)));
        trunks.forEach((id, trunk) -> {
            Gauge.builder("edge_sip_carrier_calls_active", trunk.limit(), CallLimit::active).tag("carrier", id)
                    .description("SIP calls on the carrier's trunk being set up or answered").strongReference(true)
                    .register(registry);
            setupByCarrier.put(id, Timer.builder("edge_sip_setup").tag("carrier", id)
                    .description("INVITE received to the carrier's answer").serviceLevelObjectives(SETUP_BUCKETS)
                    .register(registry));
            Counter[] byClass = new Counter[CODE_CLASSES.length];
            for (int i = 1; i < CODE_CLASSES.length; i++) { // provisional answers are not counted
                byClass[i] = responseCounter(registry, id, CODE_CLASSES[i]);
            }
            responsesByCarrier.put(id, byClass);
            timeoutsByCarrier.put(id, responseCounter(registry, id, "timeout"));
        });
    }

    private static Counter refusedCounter(MeterRegistry registry, String tenant, String reason) {
        return Counter.builder("edge_sip_refused").tag("tenant", tenant).tag("reason", reason)
                .description("INVITEs the proxy answered itself with a failure").register(registry);
    }

    private static Counter responseCounter(MeterRegistry registry, String carrier, String codeClass) {
        return Counter.builder("edge_sip_responses").tag("carrier", carrier).tag("code_class", codeClass)
                .description("Final answers of the carrier's trunk to INVITEs").register(registry);
    }

    /** How a call's set-up ended: a tenant's own call by tenant, an inbound call by tenant and carrier. */
    void call(CallDetail detail, Outcome outcome) {
        if (detail.isInbound()) {
            inbound.call(detail.tenant(), detail.carrier(), outcome);
        } else {
            call(detail.tenant(), outcome);
        }
    }

    InboundMetrics inbound() {
        return inbound;
    }

    void call(String tenant, Outcome outcome) {
        Counter[] c = callsByTenant.get(tenant);
        if (c != null) {
            c[outcome.ordinal()].increment();
        }
    }

    void refused(String tenant, String reason) {
        Map<String, Counter> r = refusedByTenant.get(tenant);
        Counter c = r == null ? null : r.get(reason);
        if (c != null) {
            c.increment();
        }
        call(tenant, Outcome.REFUSED);
    }

    void paced(String tenant) {
        Counter c = pacedByTenant.get(tenant);
        if (c != null) {
            c.increment();
        }
    }

    /** A new INVITE answered 503 statelessly because work waited longer than sip.overloadMillis. */
    void overloaded() {
        overload.increment();
    }

    /** A new INVITE answered 503 statelessly because the gateway is stopping. */
    void refusedStopping() {
        stopping.increment();
    }

    /** A response that matched no transaction. */
    void stray() {
        stray.increment();
    }

    /** A CANCEL received. */
    void cancel() {
        cancels.increment();
    }

    /** A message that could not be parsed. */
    void malformed() {
        malformed.increment();
    }

    void forbidden() {
        unknown("forbidden");
    }

    /** An INVITE from a caller not known refused: one of {@link #UNKNOWN_REFUSALS}. */
    void unknown(String reason) {
        unknownRefused.get(reason).increment();
    }

    /** A final answer from the carrier's trunk to an INVITE. */
    void response(String carrier, int status) {
        Counter[] c = responsesByCarrier.get(carrier);
        int cls = status / 100;
        if (c != null && cls >= 2 && cls <= 6) {
            c[cls - 1].increment();
        }
    }

    /** The carrier's trunk sent no final answer in time. */
    void timeout(String carrier) {
        Counter c = timeoutsByCarrier.get(carrier);
        if (c != null) {
            c.increment();
        }
    }

    void setup(String carrier, long nanos) {
        Timer t = setupByCarrier.get(carrier);
        if (t != null) {
            t.record(Duration.ofNanos(nanos));
        }
    }
}
