package io.edgegw.core.receipt;

import io.edgegw.core.config.RedisConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.thread.OwnThread;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Receipt correlations shared by the instances of a cluster through Redis ({@code cluster.redis}), because a carrier
 * may deliver a receipt on any bind of its account, on any instance. Two halves, on one thread of its own
 * ({@code edge-redis-correlations}), never a Netty event loop nor the journal thread:
 * <ul>
 * <li>shipping: every correlation this instance journals is SET in Redis ({@link CorrelationShipper}) with the
 * correlation retention as its TTL. The local journal stays the durable copy, written before the message is
 * completed as today; Redis is the shared index fed from it, in order, a batch at a time. Redis slow or down: the
 * shipper falls behind on disk and catches up, nothing is lost, nothing piles up in memory;</li>
 * <li>lookups: a receipt matched neither in memory nor in this instance's on-disk index is looked up in Redis (it
 * may be another instance's message). Absent, it is asked again with a growing delay until its park time is over
 * (its submit_sm_resp may not be shipped yet); Redis unreachable, the carrier is answered "try later"
 * ({@link ReceiptCorrelator#UNAVAILABLE}) so the receipt comes again instead of being dropped.</li>
 * </ul>
 * Bounded: at most {@link #BATCH} SETs and {@link #BATCH} GETs are outstanding (one pipelined round at a time; the
 * client rejects commands while disconnected rather than queueing them), at most {@link #MAX_LOOKUPS} receipts wait
 * here (beyond that the on-disk side holds them, and beyond its own bound the carrier is told to try later).
 */
public final class RedisCorrelations implements ReceiptCorrelator.DiskLookups, AutoCloseable {
    public static final int BATCH = 512;
    public static final int MAX_LOOKUPS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(RedisCorrelations.class);
    private static final long FIRST_REASK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_REASK_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final Duration[] ROUND_BUCKETS = {Duration.ofNanos(250_000), Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofSeconds(2)};
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long QUIET_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final OnDiskCorrelations disk;
    private final RedisConfig config;
    private final String instance;
    private final long ttlMillis;
    private final ChronicleQueue journal;
    private final Path dir;
    private final ConcurrentLinkedQueue<ReceiptLookup> asked = new ConcurrentLinkedQueue<>();
    /** Receipts handed to this side and not yet answered to the ring. */
    private final AtomicInteger pending = new AtomicInteger();
    private final OncePerMinute warnings = new OncePerMinute();
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile long unshipped;
    private volatile Thread thread;
    private OnDiskCorrelations.Answers ring;

    // the thread's own
    private final PriorityQueue<Reask> reasks = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final ArrayDeque<Answer> unanswered = new ArrayDeque<>();
    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private CorrelationShipper shipper;
    private final RedisClients.Backoff backoff = new RedisClients.Backoff();

    private final Timer round;
    private final Counter shipped;
    private final Counter setErrors;
    private final Counter getErrors;
    private final Counter connectErrors;
    private final Counter found;
    private final Counter absent;
    private final Counter unavailable;

    private record Answer(ReceiptLookup lookup, Correlation found, long journalIndex) {
    }

    private record Reask(ReceiptLookup lookup, long dueNanos, long delayNanos) {
    }

    /**
     * @param disk      this instance's on-disk correlations, asked first
     * @param journal   the correlations journal whose entries are shipped
     * @param dir       where the shipper's checkpoint lives ({@code storage/correlations-redis})
     * @param instance  this instance's name, written with each correlation (which instance sent the message)
     * @param ttlMillis the correlation retention: how long Redis keeps each one
     */
    public RedisCorrelations(OnDiskCorrelations disk, RedisConfig config, ChronicleQueue journal, Path dir,
                             String instance, long ttlMillis, MeterRegistry registry) {
        if (instance.isEmpty() || instance.indexOf('|') >= 0) {
            throw new IllegalArgumentException("instance name must be non-empty and without '|': " + instance);
        }
        this.disk = disk;
        this.config = config;
        this.journal = journal;
        this.dir = dir;
        this.instance = instance;
        this.ttlMillis = ttlMillis;
        this.round = Timer.builder("edge_redis_round")
                .description("One pipelined round of Redis commands (correlation SETs and GETs), sent to answered")
                .serviceLevelObjectives(ROUND_BUCKETS).register(registry);
        this.shipped = Counter.builder("edge_redis_correlations_shipped")
                .description("Correlations this instance SET in Redis").register(registry);
        this.setErrors = errors(registry, "set");
        this.getErrors = errors(registry, "get");
        this.connectErrors = errors(registry, "connect");
        this.found = lookups(registry, "found");
        this.absent = lookups(registry, "absent");
        this.unavailable = lookups(registry, "unavailable");
        Gauge.builder("edge_redis_correlations_unshipped", this, r -> r.unshipped)
                .description("Correlations journaled here and not yet acknowledged by Redis").register(registry);
        Gauge.builder("edge_redis_lookups_pending", pending, AtomicInteger::get)
                .description("Receipts waiting for a Redis lookup").register(registry);
        Gauge.builder("edge_redis_connected", this, r -> r.connected ? 1 : 0)
                .description("1 while this instance is connected to Redis").register(registry);
    }

    private static Counter errors(MeterRegistry registry, String command) {
        return Counter.builder("edge_redis_command_errors").tag("command", command)
                .description("Redis commands that failed or timed out (connect: connection attempts)")
                .register(registry);
    }

    private static Counter lookups(MeterRegistry registry, String result) {
        return Counter.builder("edge_redis_lookups").tag("result", result)
                .description("Receipt correlations looked up in Redis, by answer").register(registry);
    }

    /**
     * The answers the on-disk side should give: found ones straight to {@code ring}, absent ones here first.
     * Call before {@link OnDiskCorrelations#start}.
     */
    public OnDiskCorrelations.Answers after(OnDiskCorrelations.Answers ring) {
        this.ring = ring;
        return (lookup, c, journalIndex) -> c != null ? ring.answer(lookup, c, journalIndex) : ask(lookup);
    }

    /** Journal thread: the on-disk side is asked first. */
    @Override
    public boolean lookUp(ReceiptLookup lookup) {
        return disk.lookUp(lookup);
    }

    /** Index thread: a receipt not on this instance's disk; false (offered again shortly) when too many wait. */
    private boolean ask(ReceiptLookup lookup) {
        if (pending.incrementAndGet() > MAX_LOOKUPS) {
            pending.decrementAndGet();
            return false;
        }
        asked.add(lookup);
        LockSupport.unpark(thread);
        return true;
    }

    public void start() {
        thread = new Thread(this::run, "edge-redis-correlations");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            shipper = new CorrelationShipper(journal, dir, ttlMillis);
        } catch (IOException | RuntimeException e) {
            LOG.error("cluster.redis: cannot follow the correlations journal ({}); correlations are not shared", e.toString());
        }
        long nextSecond = System.nanoTime();
        int idle = 0;
        while (running) {
            int work;
            try {
                work = publish() + (connect() ? round() : refuseAll());
                long now = System.nanoTime();
                if (now - nextSecond >= 0) {
                    nextSecond = now + SECOND_NANOS;
                    everySecond();
                }
            } catch (RuntimeException e) {
                // a journal file that went under the tailer, say: read again from what Redis has acknowledged
                warn("loop", "recovering from " + e);
                if (shipper != null) {
                    shipper.rewind();
                }
                backoff.failed(System.nanoTime());
                work = 0;
            }
            idle = work == 0 ? idle + 1 : 0;
            if (work == 0) {
                LockSupport.parkNanos(idle > 20 ? QUIET_PARK_NANOS : IDLE_PARK_NANOS);
            }
        }
        everySecond();
        if (shipper != null) {
            shipper.close();
        }
        if (client != null) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        if (resources != null) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** Connected, or one attempt made (at most one per backoff); false while there is no connection. */
    private boolean connect() {
        if (connection != null) {
            connected = connection.isOpen();
            if (!connected) { // the client reconnects by itself; meanwhile commands fail at once
                warn("down", "lost the connection to " + RedisConfig.redacted(config.uri()) + "; reconnecting "
                        + "(correlations wait on disk; receipts needing Redis are answered try-later)");
            }
            return true;
        }
        long now = System.nanoTime();
        if (!backoff.due(now)) {
            return false;
        }
        try {
            if (client == null) {
                resources = RedisClients.resources();
                client = RedisClients.client(resources, config, 4 * BATCH);
            }
            connection = client.connect(StringCodec.UTF8);
            connection.setAutoFlushCommands(false); // one flush per round: the round's commands go pipelined
            connected = true;
            backoff.succeeded();
            LOG.info("cluster.redis: connected to {} as instance {}", RedisConfig.redacted(config.uri()), instance);
            return true;
        } catch (RuntimeException e) {
            connectErrors.increment();
            warn("connect", "cannot connect to " + RedisConfig.redacted(config.uri()) + ": " + e.getMessage()
                    + " (correlations wait on disk; receipts needing Redis are answered try-later)");
            backoff.failed(now);
            return false;
        }
    }

    /** No connection: receipts waiting for Redis are answered unavailable (their carrier sends them again). */
    private int refuseAll() {
        int n = 0;
        ReceiptLookup l;
        while ((l = asked.poll()) != null) {
            answer(l, null, ReceiptCorrelator.UNAVAILABLE);
            n++;
        }
        Reask r;
        while ((r = reasks.poll()) != null) {
            answer(r.lookup, null, ReceiptCorrelator.UNAVAILABLE);
            n++;
        }
        unavailable.increment(n);
        return n;
    }

    /** One pipelined round: the GETs due and a batch of SETs, sent together, their answers awaited here. */
    private int round() {
        long now = System.nanoTime();
        RedisAsyncCommands<String, String> redis = connection.async();
        List<ReceiptLookup> looking = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        List<RedisFuture<String>> gets = new ArrayList<>();
        ReceiptLookup l;
        while (gets.size() < BATCH && (l = asked.poll()) != null) {
            looking.add(l);
            delays.add(0L);
            gets.add(redis.get(SharedCorrelation.key(l.key())));
        }
        while (gets.size() < BATCH && !reasks.isEmpty() && now - reasks.peek().dueNanos >= 0) {
            Reask r = reasks.poll();
            looking.add(r.lookup);
            delays.add(r.delayNanos);
            gets.add(redis.get(SharedCorrelation.key(r.lookup.key())));
        }
        List<RedisFuture<String>> sets = new ArrayList<>();
        if (shipper != null && backoff.due(now)) {
            SetArgs ttl = SetArgs.Builder.px(ttlMillis);
            shipper.read(BATCH, (key, c) -> sets.add(redis.set(SharedCorrelation.key(key),
                    SharedCorrelation.value(instance, c), ttl)));
        }
        if (gets.isEmpty() && sets.isEmpty()) {
            return 0;
        }
        connection.flushCommands();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(config.commandTimeoutMillis());
        boolean allSet = true;
        for (RedisFuture<String> f : sets) {
            allSet &= await(f, deadline) != null;
        }
        if (!sets.isEmpty()) {
            if (allSet) {
                shipper.acknowledged();
                shipped.increment(sets.size());
                backoff.succeeded();
            } else {
                setErrors.increment();
                warn("set", "Redis did not take a batch of correlations; shipped again shortly (they wait on disk)");
                shipper.rewind();
                backoff.failed(System.nanoTime());
            }
        }
        for (int i = 0; i < gets.size(); i++) {
            answered(looking.get(i), delays.get(i), gets.get(i), deadline);
        }
        round.record(System.nanoTime() - now, TimeUnit.NANOSECONDS);
        return gets.size() + sets.size();
    }

    private void answered(ReceiptLookup l, long delay, RedisFuture<String> f, long deadline) {
        Object v = await(f, deadline);
        if (v == null) {
            getErrors.increment();
            unavailable.increment();
            warn("get", "a receipt's correlation could not be read from Redis; its carrier is answered try-later");
            answer(l, null, ReceiptCorrelator.UNAVAILABLE);
            return;
        }
        Correlation c = v == ABSENT ? null : SharedCorrelation.correlation((String) v);
        if (c == null && v != ABSENT) {
            warn("decode", "an unreadable correlation under " + SharedCorrelation.key(l.key()) + "; taken as absent");
        }
        long now = System.nanoTime();
        if (c != null) {
            found.increment();
            answer(l, c, -1);
        } else if (l.last() || now - l.deadlineNanos() >= 0) {
            absent.increment();
            answer(l, null, -1);
        } else { // maybe not shipped yet by the instance that sent it: asked again, less and less often
            long next = delay == 0 ? FIRST_REASK_NANOS : Math.min(MAX_REASK_NANOS, 2 * delay);
            reasks.add(new Reask(l, Math.min(now + next, l.deadlineNanos()), next));
        }
    }

    private static final Object ABSENT = new Object();

    /** The reply (ABSENT for a nil), or null when it failed or did not come by the deadline. */
    private Object await(RedisFuture<String> f, long deadlineNanos) {
        try {
            String v = f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return v == null ? ABSENT : v;
        } catch (ExecutionException | TimeoutException e) {
            f.cancel(false);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void answer(ReceiptLookup l, Correlation c, long journalIndex) {
        if (unanswered.isEmpty() && ring.answer(l, c, journalIndex)) {
            pending.decrementAndGet();
        } else {
            unanswered.add(new Answer(l, c, journalIndex));
        }
    }

    /** Offers the answers the ring could not take yet. */
    private int publish() {
        int n = 0;
        Answer a;
        while ((a = unanswered.peek()) != null && ring.answer(a.lookup, a.found, a.journalIndex)) {
            unanswered.poll();
            pending.decrementAndGet();
            n++;
        }
        return n;
    }

    private void everySecond() {
        if (shipper == null) {
            return;
        }
        unshipped = shipper.behind();
        try {
            shipper.checkpoint();
        } catch (IOException e) {
            warn("checkpoint", "cannot write the shipped checkpoint in " + dir + ": " + e);
        }
    }

    private void warn(String kind, String what) {
        if (warnings.allow(kind)) {
            LOG.warn("cluster.redis: {} (logged once a minute)", what);
        }
    }

    /** Stops the thread, writes the checkpoint and closes the connection; receipts still waiting stay unanswered. */
    @Override
    public void close() {
        running = false;
        OwnThread.wakeAndJoin(thread, TimeUnit.SECONDS.toMillis(10));
    }
}
