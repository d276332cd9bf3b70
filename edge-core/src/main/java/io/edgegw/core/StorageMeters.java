package io.edgegw.core;

import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.BatchForce;
import io.edgegw.core.queue.DiskGuard;
import io.edgegw.core.queue.Housekeeping;
import io.edgegw.core.queue.OrphanQueues;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.Correlations;
import io.edgegw.core.receipt.OnDiskCorrelations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/** The meters of what the gateway keeps on disk: forces, free space, queue files, correlations and their index. */
final class StorageMeters {
    /** Fixed buckets for the forces' times: a fast SSD forces in well under a millisecond, a busy disk in tens. */
    private static final Duration[] SYNC_BUCKETS = LongStream.of(100, 500, 1_000, 2_000, 5_000, 10_000, 20_000,
            50_000, 100_000, 500_000).mapToObj(micros -> Duration.ofNanos(micros * 1_000)).toArray(Duration[]::new);

    private StorageMeters() {
    }

    /**
     * What forces journal batches to the device with {@code storage.sync: batch}, timed and counted; null with
     * {@code none}. The meters are there either way, so dashboards see a zero rather than no series.
     */
    static BatchForce batchForce(StorageConfig storage, int tenants, GatewayMetrics metrics) {
        Timer syncs = Timer.builder("edge_storage_sync")
                .description("journal batches forced to the device (storage.sync: batch) and the time the forces took")
                .serviceLevelObjectives(SYNC_BUCKETS).register(metrics.registry());
        Counter failures = Counter.builder("edge_storage_sync_failures")
                .description("journal batches whose force to the device failed; their answers were refusals")
                .register(metrics.registry());
        return storage.sync() == StorageConfig.Sync.BATCH ? new BatchForce(tenants, syncs, failures) : null;
    }

    /** Free space, each tenant's queue files, housekeeping, leftover queues and the receipts' correlations. */
    static void register(GatewayMetrics metrics, DiskGuard disk, List<TenantQueues> queues, Housekeeping housekeeping,
                         List<OrphanQueues.Orphan> orphans, Correlations correlations, OnDiskCorrelations index) {
        metrics.gauge("edge_storage_free_bytes", disk, DiskGuard::freeBytes);
        metrics.gauge("edge_storage_full", disk, d -> d.isFull() ? 1 : 0);
        for (TenantQueues t : queues) {
            metrics.gauge("edge_tenant_inbound_disk_bytes", "tenant", t.tenantId(), housekeeping,
                    h -> h.inboundDiskBytes(t.index()));
            metrics.gauge("edge_tenant_outbound_disk_bytes", "tenant", t.tenantId(), housekeeping,
                    h -> h.outboundDiskBytes(t.index()));
            metrics.gauge("edge_tenant_scheduled_disk_bytes", "tenant", t.tenantId(), housekeeping,
                    h -> h.scheduledDiskBytes(t.index()));
            metrics.gauge("edge_tenant_dead_letter_disk_bytes", "tenant", t.tenantId(), housekeeping,
                    h -> h.deadLetterDiskBytes(t.index()));
        }
        metrics.gauge("edge_correlations_disk_bytes", housekeeping, Housekeeping::correlationDiskBytes);
        metrics.gauge("edge_storage_orphan_queues", orphans, List::size);
        metrics.counter("edge_queue_files_deleted", "queue cycle files deleted by housekeeping", housekeeping,
                Housekeeping::filesDeleted);
        metrics.gauge("edge_correlations_in_memory", correlations, Correlations::size);
        correlationIndex(metrics, index);
    }

    private static void correlationIndex(GatewayMetrics metrics, OnDiskCorrelations d) {
        metrics.counter("edge_receipt_lookups", "receipts looked up in the on-disk correlation index", "result",
                "found", d, OnDiskCorrelations::found);
        metrics.counter("edge_receipt_lookups", "receipts looked up in the on-disk correlation index", "result",
                "absent", d, OnDiskCorrelations::absent);
        metrics.counter("edge_correlation_index_slots_read", "index slots read by receipt lookups", d,
                OnDiskCorrelations::slotsRead);
        metrics.counter("edge_correlations_indexed", "journal entries read into the correlation index", d,
                OnDiskCorrelations::indexed);
        metrics.counter("edge_correlations_not_indexed", "correlations left out of a full index cycle", d,
                OnDiskCorrelations::notIndexed);
        metrics.gauge("edge_correlation_index_lag", d, OnDiskCorrelations::lag);
        metrics.gauge("edge_correlation_index_disk_bytes", d, OnDiskCorrelations::diskBytes);
        metrics.gauge("edge_correlation_index_files", d, OnDiskCorrelations::files);
    }
}
