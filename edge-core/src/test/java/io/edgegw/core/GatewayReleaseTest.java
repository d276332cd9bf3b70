package io.edgegw.core;

import io.edgegw.core.support.TestConfigs;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A stopped gateway leaves nothing behind that the JVM holds on to: a process that runs gateway after gateway (the
 * test suites, an embedding application) does not grow by one gateway each time. Its metrics registry stands for the
 * rest: the JVM's GC notification listener (a JNI global root) held it, and through strong gauges the tenant lanes
 * and the journal's ring of 65,536 events, until Gateway.close closed the listener.
 */
class GatewayReleaseTest {
    @TempDir
    Path dir;

    @Test
    void aClosedGatewaysMetricsAndWhatTheyReachAreCollected() {
        WeakReference<MeterRegistry> registry = startAndClose();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return registry.get() == null;
        });
    }

    private WeakReference<MeterRegistry> startAndClose() {
        try (Gateway gateway = Gateway.start(TestConfigs.oneTenantOneCarrier(dir), List.of())) {
            return new WeakReference<>(gateway.meters());
        }
    }
}
