package io.edgegw.core;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.queue.QueueCursor;
import io.edgegw.core.queue.QueueDepth;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.Correlation;
import io.edgegw.core.receipt.Correlations;
import io.edgegw.core.spi.Connector;
import io.edgegw.core.spi.ConnectorFactory;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: how long a gateway takes to start on a tenant inbound queue holding a million messages and a
 * correlations journal holding a million carrier ids. Fills both through the real record layouts (the journal
 * without its on-disk index, as a gateway from before the index left it), then starts the gateway on them a few
 * times (the first in a cold JVM), timing {@link Gateway#start} (which includes the inbound counting pass; the
 * correlations are not read) and the time until the first queued message reaches a bind. The first start also
 * builds the index in the background: the time until it has caught up is printed; later starts index nothing.
 * The counting pass is then timed alone.
 * <p>
 * Arguments: [messages (default 1000000)] [directory (default a new temporary one, deleted afterwards)].
 */
public final class RestartTimeBench {
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("edge-restart-bench");
        GatewayConfig config = TestConfigs.oneTenantOneCarrier(dir);
        RollCycle rollCycle = RollCycleNames.forName(config.storage().rollCycle());
        long retention = TimeUnit.HOURS.toMillis(StorageConfig.DEFAULT_CORRELATION_RETENTION_HOURS);
        System.out.printf(Locale.ROOT, "%,d queued messages and %,d correlations in %s, roll cycle %s, %d cores%n",
                n, n, dir, rollCycle, Runtime.getRuntime().availableProcessors());

        long t = System.nanoTime();
        try (TenantQueues q = new TenantQueues(dir, "acme", 0, rollCycle);
             ExcerptAppender a = q.inbound().createAppender()) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                try (DocumentContext dc = a.writingDocument()) {
                    QueueRecords.writeSubmit(dc.wire().bytes(), (now << 20) + i, now,
                            TestConfigs.sms("4477009" + (10_000_000 + i % 10_000_000), false));
                }
            }
        }
        try (ChronicleQueue cq = TenantQueues.open(dir.resolve("correlations"), rollCycle);
             Correlations c = new Correlations(cq, 1_000_000, retention)) {
            c.open();
            for (int i = 0; i < n; i++) {
                c.record("telco", Integer.toHexString(0x10000000 + i), new Correlation("acme", i, (byte) 1));
            }
        }
        System.out.printf(Locale.ROOT, "filled in %.1f s%n", seconds(System.nanoTime() - t));

        for (int run = 1; run <= RUNS; run++) {
            // a bind that comes up with the connectors, as a carrier's would; takes one message, never answers
            TestBind bind = new TestBind("telco", "telco/a#1", 1);
            long[] firstSent = new long[1];
            ConnectorFactory carrier = new ConnectorFactory() {
                @Override
                public String protocol() {
                    return "bench";
                }

                @Override
                public Connector create(GatewayContext context) {
                    return new Connector() {
                        @Override
                        public void start() {
                            context.registerCarrierBind(bind);
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
            };
            long t0 = System.nanoTime();
            Thread watcher = new Thread(() -> {
                while (bind.offered.isEmpty()) {
                    Thread.onSpinWait();
                }
                firstSent[0] = System.nanoTime() - t0;
            });
            watcher.start();
            try (Gateway g = Gateway.start(config, List.of(carrier))) {
                long started = System.nanoTime() - t0;
                watcher.join();
                double depth = g.meters().get("edge_tenant_inbound_depth").tag("tenant", "acme").gauge().value();
                double bytes = g.meters().get("edge_tenant_inbound_bytes").tag("tenant", "acme").gauge().value();
                double disk = g.meters().get("edge_tenant_inbound_disk_bytes").tag("tenant", "acme").gauge().value();
                System.out.printf(Locale.ROOT, "run %d%s: Gateway.start %.2f s, "
                                + "first queued message at a bind %.2f s after the call; depth %,.0f, "
                                + "payload bytes %,.0f, inbound files %,.0f bytes (apparent)%n", run,
                        run == 1 ? " (cold JVM)" : "",
                        seconds(started), seconds(firstSent[0]), depth, bytes, disk);
                var indexed = g.meters().get("edge_correlations_indexed").functionCounter();
                var lag = g.meters().get("edge_correlation_index_lag").gauge();
                while (indexed.count() < n && run == 1) {
                    Thread.sleep(10);
                }
                System.out.printf(Locale.ROOT, "run %d: %,.0f correlations indexed since start, %.2f s after the "
                        + "call (index lag now %,.0f)%n", run, indexed.count(), seconds(System.nanoTime() - t0),
                        lag.value());
            }
        }

        try (TenantQueues q = new TenantQueues(dir, "acme", 0, rollCycle)) {
            t = System.nanoTime();
            QueueDepth depth = new QueueDepth();
            try (QueueCursor ignored = new QueueCursor(q.inbound(), q.inboundPositionFile(), 8192, depth)) {
                System.out.printf(Locale.ROOT, "alone: inbound counting pass %.2f s (%,d messages, %,d bytes)%n",
                        seconds(System.nanoTime() - t), depth.depth(), depth.bytes());
            }
        }
        if (args.length < 2) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
