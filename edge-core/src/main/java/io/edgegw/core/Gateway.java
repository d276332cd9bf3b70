package io.edgegw.core;

import io.edgegw.core.admin.AdminServer;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.config.RedisConfig;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.dispatch.Dispatcher;
import io.edgegw.core.dispatch.DispatcherControl;
import io.edgegw.core.dispatch.Inbox;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.Ingress;
import io.edgegw.core.pipeline.DeadLetterOffice;
import io.edgegw.core.pipeline.Journal;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.pipeline.JournalEvent;
import io.edgegw.core.pipeline.Ring;
import io.edgegw.core.queue.DiskGuard;
import io.edgegw.core.queue.Housekeeping;
import io.edgegw.core.queue.OrphanQueues;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.Correlations;
import io.edgegw.core.receipt.OnDiskCorrelations;
import io.edgegw.core.receipt.OutboundStreams;
import io.edgegw.core.receipt.RedisCorrelations;
import io.edgegw.core.route.PrefixMap;
import io.edgegw.core.spi.CallUsage;
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
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.usage.Rater;
import io.edgegw.core.usage.UsageJournal;
import io.edgegw.core.usage.export.UsageExports;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The running gateway: queues, ring and journal, dispatcher, admin server and the connectors found through
 * {@link ConnectorFactory}. Starting it again on the same storage directory resumes every queue where it was.
 */
public final class Gateway implements GatewayContext, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How often a stop looks whether everything in flight has been answered. */
    private static final long DRAIN_POLL_NANOS = 2_000_000L;

    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final TenantTable tenants;
    private final List<TenantQueues> queues = new ArrayList<>();
    /** Queue directories of tenants no longer configured, as found at start: reported, never deleted. */
    private final List<OrphanQueues.Orphan> orphans;
    private final ChronicleQueue correlationQueue;
    private final OnDiskCorrelations correlationsOnDisk;
    /** Null without {@code cluster.redis}: correlations then live on this instance's disk alone. */
    private final RedisCorrelations correlationsShared;
    /** Null unless {@code cluster.redis} with several instances: receipts and MO then travel by tenant streams. */
    private final OutboundStreams outboundStreams;
    private final Journal journal;
    private final Housekeeping housekeeping;
    private final UsageJournal usage;
    /** The usage exports (daily files, Kafka), each on its own thread; null when metering is off. */
    private final UsageExports usageExports;
    private final Ring ring;
    private final Ingress ingress;
    private final DiskGuard disk;
    private final Dispatcher dispatcher;
    private final CarrierBinds carrierBinds;
    private final RouteReload routeReload;
    private final AdminServer admin;
    private final List<Connector> connectors = new ArrayList<>();
    private boolean closed;

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

    /**
     * Built in the order things report to each other, so nothing waits for what is made after it: the dispatcher's
     * inbox first (the journal reports to it), then the journal and its ring, then the dispatcher reading both.
     */
    private Gateway(GatewayConfig config) {
        this.config = config;
        Path storage = Path.of(config.storage().dir());
        try {
            Files.createDirectories(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create storage dir " + storage, e);
        }
        metrics = new GatewayMetrics(config);
        // this instance's part of each tenant's binds and rate: the parts of all instances hold the configured limits
        List<TenantConfig> localTenants = config.cluster().tenants(config.tenants());
        tenants = new TenantTable(localTenants);
        Map<String, TenantQueues> byId = new LinkedHashMap<>();
        RollCycle rollCycle = RollCycleNames.forName(config.storage().rollCycle());
        // several instances sharing a Redis: each forwards every receipt and MO to the tenant's stream and delivers
        // only what it read from there (docs/scale-out.md), so its tenants' deliveries come from a relayed queue
        boolean streams = config.section(RedisConfig.class) != null && config.cluster().instances() > 1;
        for (int i = 0; i < config.tenants().size(); i++) {
            TenantQueues q = new TenantQueues(storage, config.tenants().get(i).id(), i, rollCycle,
                    net.openhft.chronicle.core.time.SystemTimeProvider.INSTANCE, streams);
            queues.add(q);
            byId.put(q.tenantId(), q);
        }
        orphans = OrphanQueues.find(storage, byId.keySet(), rollCycle);
        correlationQueue = TenantQueues.open(storage.resolve("correlations"), rollCycle);
        long retention = TimeUnit.HOURS.toMillis(config.storage().correlationRetentionHours());
        // before housekeeping's first pass: it keeps the inbound files the usage reader has not read yet
        UsageJournal usage = null;
        if (config.usage().enabled()) {
            Map<String, Alphabet> smscDefaults = config.tenants().stream().collect(Collectors.toMap(t -> t.id(),
                    t -> t.defaultAlphabet()));
            usage = new UsageJournal(storage, rollCycle, queues, correlationQueue, new Rater(config.pricing()),
                    metrics.registry(), smscDefaults::get);
        }
        this.usage = usage;
        try {
            usageExports = usage == null ? null : new UsageExports(config.usage(), storage, rollCycle,
                    metrics.registry(), Clock.systemUTC());
        } catch (RuntimeException e) {
            usage.close();
            queues.forEach(TenantQueues::close);
            correlationQueue.close();
            throw e;
        }
        housekeeping = new Housekeeping(queues, correlationQueue, retention,
                config.storage().sync() == StorageConfig.Sync.BATCH);
        if (usage != null) {
            UsageJournal u = usage;
            queues.forEach(q -> housekeeping.holdInbound(q.index(), () -> u.heldFrom(q.index())));
            queues.forEach(q -> housekeeping.holdScheduled(q.index(), () -> u.heldFromScheduled(q.index())));
            queues.forEach(q -> housekeeping.holdOutbound(q.index(), () -> u.outboundHeldFrom(q.index())));
            housekeeping.holdCorrelations(u::correlationsHeldFrom);
        }
        // before anything reads the queues: the counting pass and the replay below then skip what is gone
        housekeeping.runOnce();
        Inbox inbox = new Inbox();
        Map<String, ReceiptIds> receiptIds = config.carriers().stream()
                .collect(Collectors.toMap(CarrierConfig::id, CarrierConfig::receiptIds));
        Correlations correlations = new Correlations(correlationQueue, config.storage().correlationsInMemory(),
                retention, receiptIds);
        correlationsOnDisk = new OnDiskCorrelations(correlationQueue, storage.resolve("correlations-index"), retention);
        RedisConfig redis = config.section(RedisConfig.class);
        correlationsShared = redis == null ? null : new RedisCorrelations(correlationsOnDisk, redis, correlationQueue,
                storage.resolve("correlations-redis"), String.valueOf(config.cluster().instance()), retention,
                metrics.registry());
        journal = new Journal(byId, correlations, correlationsShared != null ? correlationsShared : correlationsOnDisk,
                inbox, metrics.acceptedByTenant(),
                metrics.unmatchedReceipts(), numberOwners(config), Counter.builder("edge_mo_unowned")
                        .description("MO refused: no tenant owns the number").register(metrics.registry()),
                metrics.journalErrors(JournalEvent.Kind.class),
                StorageMeters.batchForce(config.storage(), queues.size(), metrics), new MessageIds(config.cluster()));
        disk = new DiskGuard(storage, config.storage().minFreeMegabytes() << 20);
        ring = new Ring(config.pipeline(), journal, disk, inbox::batchJournaled);
        outboundStreams = !streams ? null : new OutboundStreams(queues, redis,
                String.valueOf(config.cluster().instance()), inbox::batchJournaled,
                config.storage().sync() == StorageConfig.Sync.BATCH, metrics.registry());
        Map<String, TenantGate> gates = new LinkedHashMap<>();
        for (int i = 0; i < config.tenants().size(); i++) {
            gates.put(queues.get(i).tenantId(),
                    new TenantGate(localTenants.get(i), queues.get(i).inboundDepth(),
                            queues.get(i).scheduledDepth(), metrics.registry()));
        }
        ingress = new Ingress(gates, ring);
        dispatcher = new Dispatcher(config, queues, inbox, ring, metrics);
        carrierBinds = new CarrierBinds(config, metrics, inbox);
        routeReload = new RouteReload(config, dispatcher.control());
        metrics.gauge("edge_receipts_pending", journal.receipts(), r -> r.parkedCount());
        StorageMeters.register(metrics, disk, queues, housekeeping, orphans, correlations, correlationsOnDisk);
        try {
            admin = new AdminServer(config.admin(), metrics, dispatcher.control(), routeReload::reload, this::view,
                    new DeadLetterOffice(byId, ring), usage);
        } catch (RuntimeException e) {
            // nothing has started yet; release the queues so a retry on the same directory is clean
            housekeeping.close();
            if (usage != null) {
                usageExports.close();
                usage.close();
            }
            queues.forEach(TenantQueues::close);
            correlationQueue.close();
            throw e;
        }
    }

    /** Which tenant owns each number prefix, for MO. */
    private static PrefixMap<String> numberOwners(GatewayConfig config) {
        PrefixMap<String> owners = new PrefixMap<>();
        config.tenants().forEach(t -> t.numbers().forEach(n -> owners.put(n, t.id())));
        return owners;
    }

    private void startAll(List<ConnectorFactory> factories) throws Exception {
        disk.start();
        // the index serves lookups at once; there is no replay to wait for before the connectors take traffic
        if (correlationsShared != null) {
            correlationsOnDisk.start(correlationsShared.after(ring::receiptLookedUp));
            correlationsShared.start();
        } else {
            correlationsOnDisk.start(ring::receiptLookedUp);
        }
        ring.start();
        if (usage != null) {
            usage.start();
            usageExports.start();
        }
        dispatcher.start();
        if (outboundStreams != null) {
            outboundStreams.start();
        }
        admin.start();
        for (ConnectorFactory f : factories) {
            Connector c = f.create(this);
            connectors.add(c);
            routeReload.connectorStarted(c, f.protocol());
            c.start();
            LOG.info("connector {} started: {}", f.protocol(), c.listeners());
        }
        // files are deleted only once the journal's appenders are made (they look at the last cycles)
        journal.awaitStarted();
        housekeeping.start();
        LOG.info("gateway started: {} tenants, {} carriers, admin on {}{}", queues.size(), config.carriers().size(),
                admin.address(), config.cluster().instances() == 1 ? ""
                        : ", instance " + config.cluster().instance() + " of " + config.cluster().instances());
    }

    /** Operator actions and status views (what the admin API serves), for embedding and tests. */
    public DispatcherControl control() {
        return dispatcher.control();
    }

    /** Where {@link #reloadRoutes} reads the configuration again (e.g. the YAML file it was started from). */
    public void reloadFrom(Supplier<GatewayConfig> source) {
        routeReload.readFrom(source);
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
        return routeReload.reload();
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
     * sessions or calls and tell tenant sessions to leave (each once its acknowledgements are written). Nothing new
     * leaves the queues; for at most {@code shutdown.drainSeconds} the gateway waits for what is in flight: submits
     * at carriers (an answer is journaled and completes the message, so it is not sent again after a restart),
     * deliver_sm at tenants, calls being set up. Meanwhile the ring journals and acknowledges every submit already
     * taken. Then the connectors close (tenant sessions still open, then carrier binds unbind), the dispatcher
     * applies the last answers, the ring drains and the queues close. One log line says how long each step took.
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
        if (usage != null) {
            usageExports.close(); // each commits what it made durable; the rest is exported after a restart
            usage.close(); // after the ring: what it journaled is read on the next start if not now
        }
        if (outboundStreams != null) {
            outboundStreams.close(); // forwarded and read up to its positions; the rest goes after a restart
        }
        if (correlationsShared != null) {
            correlationsShared.close(); // its checkpoint says what Redis has; the rest is shipped on the next start
        }
        correlationsOnDisk.close();
        disk.close();
        queues.forEach(TenantQueues::close);
        correlationQueue.close();
        metrics.close(); // the JVM's GC listener held the registry, and through its meters this gateway
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
        return dispatcher.carrierListener();
    }

    @Override
    public TenantReceiverListener receiverListener() {
        return dispatcher.inbox();
    }

    @Override
    public void registerCarrierBind(CarrierBind bind) {
        carrierBinds.register(bind);
    }

    @Override
    public void unregisterCarrierBind(CarrierBind bind) {
        carrierBinds.unregister(bind);
    }

    @Override
    public void registerReceiver(TenantReceiver receiver) {
        dispatcher.inbox().register(receiver);
        if (outboundStreams != null) {
            outboundStreams.receiver(receiver, true);
        }
    }

    @Override
    public void unregisterReceiver(TenantReceiver receiver) {
        dispatcher.inbox().unregister(receiver);
        if (outboundStreams != null) {
            outboundStreams.receiver(receiver, false);
        }
    }

    /**
     * The usage journal: each tenant's totals this month and the last, as its reader last published them; null when
     * metering is off ({@code usage.enabled: false}).
     */
    public UsageJournal usage() {
        return usage;
    }

    /** Answered calls go to the usage journal's reader (CALL events). */
    @Override
    public CallUsage callUsage() {
        return usage.calls();
    }

    @Override
    public MeterRegistry meters() {
        return metrics.registry();
    }
}
