package io.edgegw.core;

import io.edgegw.core.admin.AdminServer;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.dispatch.Dispatcher;
import io.edgegw.core.dispatch.DispatcherControl;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.BatchForce;
import io.edgegw.core.pipeline.Ingress;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.pipeline.DeadLetterOffice;
import io.edgegw.core.pipeline.Journal;
import io.edgegw.core.pipeline.JournalEvent;
import io.edgegw.core.pipeline.JournalListener;
import io.edgegw.core.pipeline.Ring;
import io.edgegw.core.queue.DiskGuard;
import io.edgegw.core.queue.Housekeeping;
import io.edgegw.core.queue.OrphanQueues;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.Correlations;
import io.edgegw.core.receipt.OnDiskCorrelations;
import io.edgegw.core.route.PrefixMap;
import io.edgegw.core.route.RouteTable;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.CarrierBindListener;
import io.edgegw.core.spi.Connector;
import io.edgegw.core.spi.ConnectorFactory;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.spi.TenantDirectory;
import io.edgegw.core.spi.TenantReceiver;
import io.edgegw.core.spi.TenantReceiverListener;
import io.edgegw.core.tenant.TenantGate;
import io.edgegw.core.tenant.TenantTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The running gateway: queues, ring and journal, dispatcher, admin server and the connectors found through
 * {@link ConnectorFactory}. Starting it again on the same storage directory resumes every queue where it was.
 */
public final class Gateway implements GatewayContext, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How often a stop looks whether everything in flight has been answered. */
    private static final long DRAIN_POLL_NANOS = 2_000_000L;
    /** Fixed buckets for the forces' times: a fast SSD forces in well under a millisecond, a busy disk in tens. */
    private static final Duration[] SYNC_BUCKETS = LongStream.of(100, 500, 1_000, 2_000, 5_000, 10_000, 20_000,
            50_000, 100_000, 500_000).mapToObj(micros -> Duration.ofNanos(micros * 1_000)).toArray(Duration[]::new);

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final TenantTable tenants;
    private final List<TenantQueues> queues = new ArrayList<>();
    /** Queue directories of tenants no longer configured, as found at start: reported, never deleted. */
    private final List<OrphanQueues.Orphan> orphans;
    private final ChronicleQueue correlationQueue;
    private final OnDiskCorrelations correlationsOnDisk;
    private final Journal journal;
    private final Housekeeping housekeeping;
    private final Ring ring;
    private final Ingress ingress;
    private final DiskGuard disk;
    private final Dispatcher dispatcher;
    private final AdminServer admin;
    private final Set<CarrierBind> binds = ConcurrentHashMap.newKeySet();
    private final Map<CarrierBind, List<Meter>> bindMeters = new ConcurrentHashMap<>();
    private final List<Connector> connectors = new ArrayList<>();
    /** The connectors by protocol, for a route reload from the admin thread while they may still be starting. */
    private final Map<Connector, String> protocols = new ConcurrentHashMap<>();
    private boolean closed;
    /** Where a route reload reads the configuration again; null = not started from a file. */
    private volatile Supplier<GatewayConfig> configSource;

    public static Gateway start(GatewayConfig config) {
        List<ConnectorFactory> factories = new ArrayList<>();
        ServiceLoader.load(ConnectorFactory.class).forEach(factories::add);
        return start(config, factories);
    }

    public static Gateway start(GatewayConfig config, List<ConnectorFactory> factories) {
        Gateway g = new Gateway(config);
        try {
            g.startAll(factories);
            return g;
        } catch (Exception e) {
            g.close();
            throw new IllegalStateException("gateway failed to start: " + e.getMessage(), e);
        }
    }

    private Gateway(GatewayConfig config) {
        this.config = config;
        Path storage = Path.of(config.storage().dir());
        try {
            Files.createDirectories(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create storage dir " + storage, e);
        }
        metrics = new GatewayMetrics(config);
        tenants = new TenantTable(config.tenants());
        Map<String, TenantQueues> byId = new LinkedHashMap<>();
        RollCycle rollCycle = RollCycleNames.forName(config.storage().rollCycle());
        for (int i = 0; i < config.tenants().size(); i++) {
            TenantQueues q = new TenantQueues(storage, config.tenants().get(i).id(), i, rollCycle);
            queues.add(q);
            byId.put(q.tenantId(), q);
        }
        orphans = OrphanQueues.find(storage, byId.keySet(), rollCycle);
        correlationQueue = TenantQueues.open(storage.resolve("correlations"), rollCycle);
        long retention = TimeUnit.HOURS.toMillis(config.storage().correlationRetentionHours());
        housekeeping = new Housekeeping(queues, correlationQueue, retention,
                config.storage().sync() == StorageConfig.Sync.BATCH);
        // before anything reads the queues: the counting pass and the replay below then skip what is gone
        housekeeping.runOnce();
        Dispatcher[] later = new Dispatcher[1];
        PrefixMap<String> numberOwners = new PrefixMap<>();
        config.tenants().forEach(t -> t.numbers().forEach(n -> numberOwners.put(n, t.id())));
        Counter moUnowned = Counter.builder("edge_mo_unowned").description("MO refused: no tenant owns the number")
                .register(metrics.registry());
        Map<String, ReceiptIds> receiptIds = config.carriers().stream()
                .collect(Collectors.toMap(CarrierConfig::id, CarrierConfig::receiptIds));
        Timer syncs = Timer.builder("edge_storage_sync")
                .description("journal batches forced to the device (storage.sync: batch) and the time the forces took")
                .serviceLevelObjectives(SYNC_BUCKETS).register(metrics.registry());
        Counter syncFailures = Counter.builder("edge_storage_sync_failures")
                .description("journal batches whose force to the device failed; their answers were refusals")
                .register(metrics.registry());
        BatchForce force = config.storage().sync() == StorageConfig.Sync.BATCH
                ? new BatchForce(queues.size(), syncs, syncFailures) : null;
        Correlations correlations = new Correlations(correlationQueue, config.storage().correlationsInMemory(),
                retention, receiptIds);
        correlationsOnDisk = new OnDiskCorrelations(correlationQueue, storage.resolve("correlations-index"), retention);
        journal = new Journal(byId, correlations, correlationsOnDisk,
                new JournalListener() { // the dispatcher is made after the journal; both calls come after start
                    @Override
                    public void journaled(OutboundSubmit submit) {
                        later[0].inbox().journaled(submit);
                    }

                    @Override
                    public void receipted(String carrierId, String tenantId, String number, boolean delivered) {
                        later[0].inbox().receipted(carrierId, tenantId, number, delivered);
                    }

                    @Override
                    public void deadLettered(TenantDelivery delivery, boolean onDisk) {
                        later[0].inbox().deadLettered(delivery, onDisk);
                    }
                }, metrics.acceptedByTenant(), metrics.unmatchedReceipts(),
                numberOwners, moUnowned, metrics.journalErrors(JournalEvent.Kind.class), force);
        disk = new DiskGuard(storage, config.storage().minFreeMegabytes() << 20);
        ring = new Ring(config.pipeline(), journal, disk);
        Map<String, TenantGate> gates = new LinkedHashMap<>();
        for (int i = 0; i < config.tenants().size(); i++) {
            gates.put(queues.get(i).tenantId(),
                    new TenantGate(config.tenants().get(i), queues.get(i).inboundDepth(), metrics.registry()));
        }
        ingress = new Ingress(gates, ring);
        List<String> carrierIds = config.carriers().stream().map(CarrierConfig::id).toList();
        dispatcher = new Dispatcher(queues, config.tenants(), new RouteTable(config.routes()), ring, metrics,
                config.carriers(), config.quality());
        later[0] = dispatcher;
        metrics.gauge("edge_receipts_pending", journal.receipts(), r -> r.parkedCount());
        metrics.gauge("edge_correlations_in_memory", correlations, Correlations::size);
        correlationIndexMeters(correlationsOnDisk);
        metrics.gauge("edge_storage_free_bytes", disk, DiskGuard::freeBytes);
        metrics.gauge("edge_storage_full", disk, d -> d.isFull() ? 1 : 0);
        for (TenantQueues t : queues) {
            metrics.gauge("edge_tenant_inbound_disk_bytes", "tenant", t.tenantId(), housekeeping,
                    h -> h.inboundDiskBytes(t.index()));
            metrics.gauge("edge_tenant_outbound_disk_bytes", "tenant", t.tenantId(), housekeeping,
                    h -> h.outboundDiskBytes(t.index()));
            metrics.gauge("edge_tenant_dead_letter_disk_bytes", "tenant", t.tenantId(), housekeeping,
                    h -> h.deadLetterDiskBytes(t.index()));
        }
        metrics.gauge("edge_correlations_disk_bytes", housekeeping, Housekeeping::correlationDiskBytes);
        metrics.gauge("edge_storage_orphan_queues", orphans, List::size);
        metrics.counter("edge_queue_files_deleted", "queue cycle files deleted by housekeeping", housekeeping,
                Housekeeping::filesDeleted);
        metrics.bindStates(carrierIds, binds);
        metrics.windows(config.carriers(), binds);
        try {
            admin = new AdminServer(config.admin(), metrics, dispatcher.control(), this::reloadRoutes, this::view,
                    new DeadLetterOffice(byId, ring));
        } catch (RuntimeException e) {
            // nothing has started yet; release the queues so a retry on the same directory is clean
            housekeeping.close();
            queues.forEach(TenantQueues::close);
            correlationQueue.close();
            throw e;
        }
    }

    private void correlationIndexMeters(OnDiskCorrelations d) {
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

    private void startAll(List<ConnectorFactory> factories) throws Exception {
        disk.start();
        // the index serves lookups at once; there is no replay to wait for before the connectors take traffic
        correlationsOnDisk.start(ring::receiptLookedUp);
        ring.start();
        dispatcher.start();
        admin.start();
        for (ConnectorFactory f : factories) {
            Connector c = f.create(this);
            connectors.add(c);
            protocols.put(c, f.protocol());
            c.start();
            LOG.info("connector {} started: {}", f.protocol(), c.listeners());
        }
        // files are deleted only once the journal's appenders are made (they look at the last cycles)
        journal.awaitStarted();
        housekeeping.start();
        LOG.info("gateway started: {} tenants, {} carriers, admin on {}", queues.size(), config.carriers().size(),
                admin.address());
    }

    /** Operator actions and status views (what the admin API serves), for embedding and tests. */
    public DispatcherControl control() {
        return dispatcher.control();
    }

    /** Where {@link #reloadRoutes} reads the configuration again (e.g. the YAML file it was started from). */
    public void reloadFrom(Supplier<GatewayConfig> source) {
        this.configSource = source;
    }

    /**
     * Reads the configuration again and routes by its {@code routes} from the next message on, without a restart.
     * Carriers and tenants stay as they were started (a route naming one that is not running is refused), and the
     * per-route quality starts over. Once the dispatcher routes by them, every connector that routes (SIP) takes the
     * same routes ({@link Connector#routesReplaced}); a file refused here changes neither. The future holds how many
     * routes there were before and are now, and which connectors took them too.
     *
     * @throws ConfigException      when the file is invalid or names carriers or tenants not running
     * @throws IllegalStateException when no source was given ({@link #reloadFrom})
     */
    public CompletableFuture<DispatcherControl.RoutesReplaced> reloadRoutes() {
        Supplier<GatewayConfig> source = configSource;
        if (source == null) {
            throw new IllegalStateException("this gateway was not started from a configuration file");
        }
        GatewayConfig fresh = source.get();
        Set<String> carriers = new HashSet<>();
        config.carriers().forEach(c -> carriers.add(c.id()));
        Set<String> tenantIds = new HashSet<>();
        config.tenants().forEach(t -> tenantIds.add(t.id()));
        for (int i = 0; i < fresh.routes().size(); i++) {
            RouteConfig r = fresh.routes().get(i);
            for (RouteCandidate c : r.carriers()) {
                if (!carriers.contains(c.carrierId())) {
                    throw new ConfigException("routes[" + i + "]: carrier '" + c.carrierId() + "' is not running "
                            + "(carriers and tenants change only with a restart)");
                }
            }
            for (String t : r.tenants()) {
                if (!tenantIds.contains(t)) {
                    throw new ConfigException("routes[" + i + "]: tenant '" + t + "' is not running "
                            + "(carriers and tenants change only with a restart)");
                }
            }
        }
        List<RouteConfig> routes = List.copyOf(fresh.routes());
        return dispatcher.control().routes(new RouteTable(routes)).thenApply(r -> r.with(routesToConnectors(routes)));
    }

    /** The protocols of the connectors that took {@code routes}; one that fails is logged and left out. */
    private List<String> routesToConnectors(List<RouteConfig> routes) {
        List<String> took = new ArrayList<>();
        protocols.forEach((connector, protocol) -> {
            try {
                if (connector.routesReplaced(routes)) {
                    took.add(protocol);
                }
            } catch (RuntimeException e) {
                LOG.warn("connector {} did not take the reloaded routes (it routes as before): {}", protocol,
                        e.toString());
            }
        });
        took.sort(null);
        return took;
    }

    /** The core's own views for {@code GET /api/{name}} ({@code storage}), then the connectors'. */
    private Object view(String name) {
        if (name.equals("storage")) {
            return new StorageView(config.storage().sync().name().toLowerCase(java.util.Locale.ROOT), orphans);
        }
        return connectorView(name);
    }

    /** {@code GET /api/storage}: the durability chosen and the queue directories no configured tenant owns. */
    public record StorageView(String sync, List<OrphanQueues.Orphan> orphanQueues) {
    }

    /**
     * A connector's operator view by name (e.g. {@code sip}, what {@code GET /api/sip} serves), or null when no
     * started connector has one; public for embedders such as {@code edge demo}.
     */
    public Object connectorView(String name) {
        for (Connector c : List.copyOf(connectors)) {
            Object v = c.operatorViews().get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Where everything listens, by name: each connector's listeners plus {@code admin}. */
    public Map<String, InetSocketAddress> listeners() {
        Map<String, InetSocketAddress> out = new LinkedHashMap<>();
        for (Connector c : connectors) {
            out.putAll(c.listeners());
        }
        out.put("admin", admin.address());
        return out;
    }

    /**
     * A clean stop, in this order. Intake stops: new submits are answered ESME_RTHROTTLED, connectors take no new
     * sessions or calls. Nothing new leaves the queues; for at most {@code shutdown.drainSeconds} the gateway waits
     * for what is in flight: submits at carriers (an answer is journaled and completes the message, so it is not
     * sent again after a restart), deliver_sm at tenants, calls being set up. Meanwhile the ring journals and
     * acknowledges every submit already taken. Then the connectors close (tenant sessions unbind once their
     * acknowledgements are written, then carrier binds unbind), the dispatcher applies the last answers, the ring
     * drains and the queues close. One log line says how long each step took.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long began = System.nanoTime();
        StopClock clock = new StopClock(began);
        ingress.stop();
        dispatcher.stopTaking();
        for (int i = connectors.size() - 1; i >= 0; i--) {
            Connector c = connectors.get(i);
            quietly(c::stopIntake, "connector did not stop its intake cleanly");
        }
        clock.lap("intake");
        boolean drained = awaitDrained(began + TimeUnit.SECONDS.toNanos(config.shutdown().drainSeconds()));
        int atCarriers = dispatcher.unansweredAtCarriers();
        int atTenants = dispatcher.unansweredAtTenants();
        clock.lap("drain");
        for (int i = connectors.size() - 1; i >= 0; i--) {
            quietly(connectors.get(i)::close, "connector did not close cleanly");
        }
        clock.lap("connectors");
        dispatcher.close();
        clock.lap("dispatcher");
        admin.close();
        housekeeping.close();
        ring.close();
        correlationsOnDisk.close();
        disk.close();
        queues.forEach(TenantQueues::close);
        correlationQueue.close();
        clock.lap("queues");
        if (drained) {
            LOG.info("gateway stopped in {} ms ({}); nothing was left in flight", clock.total(), clock);
        } else {
            LOG.warn("gateway stopped in {} ms ({}); shutdown.drainSeconds ({}) ran out with {} submits unanswered by "
                    + "carriers (sent again after a restart) and {} deliver_sm unanswered by tenants", clock.total(),
                    clock, config.shutdown().drainSeconds(), atCarriers, atTenants);
        }
    }

    /** Until the dispatcher and every connector have nothing in flight, or the deadline; true when drained. */
    private boolean awaitDrained(long deadline) {
        while (true) {
            boolean drained = dispatcher.drained();
            for (Connector c : connectors) {
                drained &= c.drained();
            }
            if (drained) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
    }

    private static void quietly(Runnable step, String warning) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: {}", warning, e.toString());
        }
    }

    /** How long each step of a stop took, for its one log line. */
    private static final class StopClock {
        private final long began;
        private long last;
        private final StringBuilder laps = new StringBuilder();

        StopClock(long began) {
            this.began = began;
            this.last = began;
        }

        void lap(String step) {
            long now = System.nanoTime();
            laps.append(laps.length() == 0 ? "" : ", ").append(step).append(' ')
                    .append(TimeUnit.NANOSECONDS.toMillis(now - last)).append(" ms");
            last = now;
        }

        long total() {
            return TimeUnit.NANOSECONDS.toMillis(last - began);
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    @Override
    public GatewayConfig config() {
        return config;
    }

    @Override
    public TenantDirectory tenants() {
        return tenants;
    }

    @Override
    public SubmitIngress ingress() {
        return ingress;
    }

    @Override
    public CarrierBindListener carrierListener() {
        return dispatcher.inbox();
    }

    @Override
    public TenantReceiverListener receiverListener() {
        return dispatcher.inbox();
    }

    @Override
    public void registerCarrierBind(CarrierBind bind) {
        binds.add(bind);
        int window = config.carriers().stream().filter(c -> c.id().equals(bind.carrierId()))
                .mapToInt(CarrierConfig::window).findFirst().orElse(0);
        bindMeters.put(bind, metrics.bindMeters(bind, window));
        dispatcher.inbox().register(bind);
    }

    @Override
    public void unregisterCarrierBind(CarrierBind bind) {
        binds.remove(bind);
        List<Meter> meters = bindMeters.remove(bind);
        if (meters != null) {
            metrics.remove(meters);
        }
        dispatcher.inbox().unregister(bind);
    }

    @Override
    public void registerReceiver(TenantReceiver receiver) {
        dispatcher.inbox().register(receiver);
    }

    @Override
    public void unregisterReceiver(TenantReceiver receiver) {
        dispatcher.inbox().unregister(receiver);
    }

    @Override
    public MeterRegistry meters() {
        return metrics.registry();
    }
}
