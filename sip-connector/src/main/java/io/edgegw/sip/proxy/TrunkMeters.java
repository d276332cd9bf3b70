package io.edgegw.sip.proxy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Collection;
import java.util.stream.Stream;

/** Per trunk: whether it takes calls, its answer-seizure ratio, post-dial delay and failed OPTIONS probes. */
final class TrunkMeters {
    private static final Duration[] PDD_BUCKETS = Stream.of(50, 100, 250, 500, 1000, 2000, 3000, 5000, 10_000,
            20_000).map(Duration::ofMillis).toArray(Duration[]::new);

    private TrunkMeters() {
    }

    static void register(MeterRegistry registry, Collection<Trunk> trunks) {
        for (Trunk t : trunks) {
            TrunkHealth h = t.health();
            Gauge.builder("edge_sip_trunk_up", h, x -> x.view(System.nanoTime()) == TrunkHealth.State.UP ? 1 : 0)
                    .tag("carrier", t.carrierId()).strongReference(true)
                    .description("1 when the carrier's trunk takes new calls in route order, 0 when DOWN (OPTIONS "
                            + "probes fail) or INACTIVE (its calls fail)").register(registry);
            Gauge.builder("edge_sip_trunk_asr_ratio", h.quality, TrunkQuality::answerSeizureRatio)
                    .tag("carrier", t.carrierId()).strongReference(true)
                    .description("Share of the trunk's recent INVITE attempts answered (caller cancels left out)")
                    .register(registry);
            FunctionCounter.builder("edge_sip_probe_failures", h, TrunkHealth::probeFailures)
                    .tag("carrier", t.carrierId())
                    .description("OPTIONS probes of the trunk unanswered in time or answered with a code not in "
                            + "probe.replyCodes").register(registry);
            h.meter(Timer.builder("edge_sip_post_dial_delay").tag("carrier", t.carrierId())
                    .description("INVITE sent to the trunk to its first 180/183, or its final answer if none")
                    .serviceLevelObjectives(PDD_BUCKETS).register(registry));
        }
    }
}
