package io.edgegw.core.receipt;

import io.edgegw.core.config.RedisConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.queue.CommittedPosition;
import io.edgegw.core.queue.CycleFiles;
import io.edgegw.core.queue.QueueForce;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.spi.TenantReceiver;
import io.edgegw.core.thread.OwnThread;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessages;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Receipts and MO reach the instance holding the tenant's receiver bind, through one Redis stream per tenant
 * ({@code edge:tenant:<id>:outbound}), when {@code cluster.redis} is set and there are several instances. Rule:
 * every instance forwards everything it makes toward a tenant, and delivers only what it read from the stream, so
 * nothing is both delivered here and forwarded, and which instance holds a receiver bind is never guessed.
 * <ul>
 * <li>forwarding: a tailer of its own over each tenant's outbound queue XADDs each record, and moves the queue's
 * committed position ({@code outbound.committed}, which housekeeping deletes by) only once Redis answered every XADD
 * of the batch. Redis down or slow: the records wait on disk. After a kill -9, the records past the position are
 * XADDed again (duplicates, never a loss). While the stream holds {@link #MAX_STREAM} entries or more, forwarding
 * to it waits (an XADD MAXLEN would drop entries nobody has read);</li>
 * <li>consuming: while a receiver of the tenant is bound here, XREADGROUP (group {@code edge}, consumer = this
 * instance's ordinal) reads the stream, appends each entry to the tenant's relayed queue (the dispatcher delivers
 * from it, with its windows and retries) and XACKs only after that append; then trims what every consumer acked.
 * On start it first reads its own pending entries again. Every {@link #CLAIM_EVERY_NANOS} it XAUTOCLAIMs entries
 * another consumer left pending for {@code claimIdleMillis} (an instance that died between read and ack).</li>
 * </ul>
 * One thread of its own ({@code edge-redis-streams}), never a Netty event loop; at most {@link #BATCH} commands of a
 * kind outstanding; the client rejects commands while disconnected rather than queueing them.
 */
public final class OutboundStreams implements AutoCloseable {
    public static final int BATCH = 256;
    public static final long MAX_STREAM = 1_000_000;
    public static final String GROUP = "edge";
    static final String FIELD = "r";
    private static final long CLAIM_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_ENTRY_BYTES = QueueRecords.MAX_PAYLOAD + 4096;
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(OutboundStreams.class);

    private final List<TenantQueues> tenants;
    private final RedisConfig config;
    private final String consumer;
    private final Runnable wake;
    private final Map<String, Set<TenantReceiver>> receivers = new ConcurrentHashMap<>();
    private final OncePerMinute warnings = new OncePerMinute();
    private volatile boolean running = true;
    private volatile Thread thread;
    private volatile long unforwarded;
    private final Duration claimIdle;
    /** {@code storage.sync: batch}: relayed appends are forced to the device before their XACK. */
    private final boolean force;

    private final Counter forwarded;
    private final Counter relayed;
    private final Counter claimed;
    private final Counter unreadable;
    private final Counter errors;

    // the thread's own
    private final Lane[] lanes;
    private ClientResources resources;
    private RedisClient client;
    private StatefulRedisConnection<String, byte[]> connection;
    private final RedisClients.Backoff backoff = new RedisClients.Backoff();

    /** One tenant's forwarding and consuming state. */
    private static final class Lane {
        final TenantQueues queues;
        final String key;
        CommittedPosition forwardedUpTo;
        ExcerptTailer tailer;
        ExcerptAppender appender;
        final QueueForce force = new QueueForce();
        boolean groupMade;
        /** own pending entries re-read after a start: the last id read so, or null once done */
        String ownPending = "0";
        long claimAt;
        long holdUntil;

        Lane(TenantQueues queues) {
            this.queues = queues;
            this.key = key(queues.tenantId());
        }
    }

    /**
     * @param tenants  every tenant's queues, opened with their relayed queue
     * @param consumer this instance's ordinal, its consumer name in each tenant's group
     * @param wake     rung after entries were appended to a relayed queue (the dispatcher's doorbell)
     * @param force    {@code storage.sync: batch}: what is appended to a relayed queue reaches the device before
     *                 its entries are acknowledged in Redis
     */
    public OutboundStreams(List<TenantQueues> tenants, RedisConfig config, String consumer, Runnable wake,
                           boolean force, MeterRegistry registry) {
        this.force = force;
        this.tenants = tenants;
        this.config = config;
        this.consumer = consumer;
        this.wake = wake;
        this.lanes = new Lane[tenants.size()];
        this.claimIdle = Duration.ofMillis(config.claimIdleMillis());
        this.forwarded = Counter.builder("edge_redis_stream_forwarded")
                .description("Receipts and MO this instance XADDed to their tenant's Redis stream").register(registry);
        this.relayed = Counter.builder("edge_redis_stream_relayed")
                .description("Stream entries this instance read and queued for its tenants' receivers")
                .register(registry);
        this.claimed = Counter.builder("edge_redis_stream_claimed")
                .description("Stream entries claimed from a consumer that left them pending (XAUTOCLAIM)")
                .register(registry);
        this.unreadable = Counter.builder("edge_redis_stream_unreadable")
                .description("Stream entries that were no record of ours; acknowledged and dropped").register(registry);
        Gauge.builder("edge_redis_stream_unforwarded", this, o -> o.unforwarded)
                .description("Receipts and MO made here and not yet acknowledged by Redis in their tenant's stream")
                .register(registry);
        this.errors = Counter.builder("edge_redis_command_errors").tag("command", "stream")
                .description("Redis commands that failed or timed out (connect: connection attempts)")
                .register(registry);
    }

    public static String key(String tenantId) {
        return "edge:tenant:" + tenantId + ":outbound";
    }

    /** A receiver bound here ({@code add}) or gone; any thread. */
    public void receiver(TenantReceiver receiver, boolean add) {
        Set<TenantReceiver> set = receivers.computeIfAbsent(receiver.tenantId(), t -> ConcurrentHashMap.newKeySet());
        if (add) {
            set.add(receiver);
        } else {
            set.remove(receiver);
        }
    }

    public void start() {
        for (TenantQueues t : tenants) {
            Lane l = new Lane(t);
            l.forwardedUpTo = new CommittedPosition(t.outboundPositionFile());
            lanes[t.index()] = l;
        }
        thread = new Thread(this::run, "edge-redis-streams");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int idle = 0;
        long nextSecond = System.nanoTime();
        while (running) {
            int work = 0;
            if (System.nanoTime() - nextSecond >= 0) {
                nextSecond = System.nanoTime() + SECOND_NANOS;
                unforwarded = unforwarded();
            }
            if (connect()) {
                for (Lane l : lanes) {
                    try {
                        work += forward(l) + consume(l);
                    } catch (RuntimeException e) {
                        errors.increment();
                        warn("loop", "tenant " + l.queues.tenantId() + ": " + e + "; tried again shortly");
                        rewind(l);
                        l.ownPending = "0"; // what was read and not acknowledged is read again (a duplicate at worst)
                        l.groupMade = false; // Redis may have lost it (restarted without its files): made again
                        backoff.failed(System.nanoTime());
                    }
                }
            }
            idle = work == 0 ? idle + 1 : 0;
            if (work == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(idle > 20 ? 20 : 1));
            }
        }
        for (Lane l : lanes) {
            if (l.tailer != null) {
                l.tailer.close();
            }
            l.forwardedUpTo.close();
            l.force.close();
        }
        if (client != null) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
        if (resources != null) {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    /** Outbound records past each tenant's forwarded position, all tenants together. */
    private long unforwarded() {
        long n = 0;
        for (Lane l : lanes) {
            // not countable now (a cycle in between just went): counted again next time
            n += Math.max(0, CycleFiles.excerptsAfter(l.queues.outbound(), l.forwardedUpTo.get()));
        }
        return n;
    }

    private boolean connect() {
        long now = System.nanoTime();
        if (!backoff.due(now)) {
            return false;
        }
        if (connection != null) {
            return connection.isOpen();
        }
        try {
            if (client == null) {
                resources = RedisClients.resources();
                client = RedisClients.client(resources, config, 4 * BATCH);
            }
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            connection.setAutoFlushCommands(false);
            backoff.succeeded();
            LOG.info("cluster.redis: outbound streams connected as consumer {} of group {}", consumer, GROUP);
            return true;
        } catch (RuntimeException e) {
            errors.increment();
            warn("connect", "cannot connect to " + RedisConfig.redacted(config.uri()) + ": " + e.getMessage()
                    + " (receipts and MO wait on disk)");
            backoff.failed(now);
            return false;
        }
    }

    /** XADDs a batch of the tenant's outbound records; its position moves once Redis answered them all. */
    private int forward(Lane l) {
        long now = System.nanoTime();
        if (now - l.holdUntil < 0) {
            return 0;
        }
        if (l.tailer == null) {
            l.tailer = l.queues.outbound().createTailer();
            resumeAfter(l.tailer, l.forwardedUpTo.get());
        }
        RedisAsyncCommands<String, byte[]> redis = connection.async();
        List<RedisFuture<String>> adds = new ArrayList<>();
        long last = 0;
        RedisFuture<Long> length = null;
        while (adds.size() < BATCH) {
            try (DocumentContext dc = l.tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                if (length == null) {
                    length = redis.xlen(l.key);
                }
                Bytes<?> b = dc.wire().bytes();
                byte[] record = new byte[(int) b.readRemaining()];
                b.read(record);
                adds.add(redis.xadd(l.key, Map.of(FIELD, record)));
                last = dc.index();
            }
        }
        if (adds.isEmpty()) {
            return 0;
        }
        connection.flushCommands();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(config.commandTimeoutMillis());
        boolean all = true;
        for (RedisFuture<String> f : adds) {
            all &= await(f, deadline) != null;
        }
        if (!all) {
            errors.increment();
            warn("xadd", "Redis did not take a batch of tenant " + l.queues.tenantId()
                    + "'s receipts and MO; sent again shortly (they wait on disk)");
            rewind(l);
            backoff.failed(System.nanoTime());
            return 0;
        }
        l.forwardedUpTo.set(last);
        forwarded.increment(adds.size());
        Object len = await(length, deadline);
        if (len instanceof Long n && n >= MAX_STREAM) {
            warn("full", "tenant " + l.queues.tenantId() + "'s stream holds " + n + " entries nobody acknowledged; "
                    + "forwarding to it waits (its records wait on disk) until a receiver of the tenant reads it");
            l.holdUntil = System.nanoTime() + SECOND_NANOS;
        }
        return adds.size();
    }

    private static void resumeAfter(ExcerptTailer tailer, long committed) {
        if (committed != 0 && tailer.moveToIndex(committed)) {
            try (DocumentContext ignored = tailer.readingDocument()) {
                // past the forwarded one
            }
        } else if (committed == 0 || !tailer.moveToIndex(committed + 1)) {
            tailer.toStart();
        }
    }

    private void rewind(Lane l) {
        if (l.tailer != null) {
            l.tailer.close();
            l.tailer = null;
        }
    }

    /** While a receiver of the tenant is bound here: reads, queues here, acks and trims a batch of its stream. */
    private int consume(Lane l) {
        Set<TenantReceiver> bound = receivers.get(l.queues.tenantId());
        if (bound == null || bound.isEmpty()) {
            return 0;
        }
        RedisAsyncCommands<String, byte[]> redis = connection.async();
        long now = System.nanoTime();
        long deadline = now + TimeUnit.MILLISECONDS.toNanos(config.commandTimeoutMillis());
        if (!l.groupMade) {
            RedisFuture<String> made = redis.xgroupCreate(XReadArgs.StreamOffset.from(l.key, "0"), GROUP,
                    XGroupCreateArgs.Builder.mkstream());
            connection.flushCommands();
            if (await(made, deadline) == null && !failedWith(made, "BUSYGROUP")) {
                throw new IllegalStateException("XGROUP CREATE " + l.key + " failed");
            }
            l.groupMade = true;
        }
        Consumer<String> me = Consumer.from(GROUP, consumer);
        List<StreamMessage<String, byte[]>> read;
        boolean claim = false;
        if (l.ownPending != null) {
            read = awaitList(redis.xreadgroup(me, XReadArgs.Builder.count(BATCH),
                    XReadArgs.StreamOffset.from(l.key, l.ownPending)), deadline);
            l.ownPending = read.isEmpty() ? null : read.get(read.size() - 1).getId();
        } else if (now - l.claimAt >= 0) {
            l.claimAt = now + CLAIM_EVERY_NANOS;
            RedisFuture<ClaimedMessages<String, byte[]>> f = redis.xautoclaim(l.key,
                    XAutoClaimArgs.Builder.xautoclaim(me, claimIdle, "0-0").count(BATCH));
            connection.flushCommands();
            Object c = await(f, deadline);
            if (c == null) {
                throw new IllegalStateException("XAUTOCLAIM " + l.key + " failed");
            }
            @SuppressWarnings("unchecked")
            ClaimedMessages<String, byte[]> got = (ClaimedMessages<String, byte[]>) c;
            read = got.getMessages();
            claim = true;
        } else {
            read = awaitList(redis.xreadgroup(me, XReadArgs.Builder.count(BATCH),
                    XReadArgs.StreamOffset.lastConsumed(l.key)), deadline);
        }
        if (read.isEmpty()) {
            return 0;
        }
        if (l.appender == null) {
            l.appender = l.queues.relayed().createAppender();
        }
        String[] ids = new String[read.size()];
        int queued = 0;
        for (int i = 0; i < read.size(); i++) {
            StreamMessage<String, byte[]> m = read.get(i);
            ids[i] = m.getId();
            byte[] record = m.getBody() == null ? null : m.getBody().get(FIELD);
            if (record == null || record.length == 0 || record.length > MAX_ENTRY_BYTES
                    || record[0] != QueueRecords.VERSION) {
                if (m.getBody() != null) { // a null body is an entry trimmed while pending: nothing to deliver
                    unreadable.increment();
                    warn("unreadable", "an entry of " + l.key + " is no receipt or MO record; acknowledged and dropped");
                }
                continue;
            }
            try (DocumentContext dc = l.appender.writingDocument()) {
                dc.wire().bytes().write(record);
            }
            l.queues.outboundDepth().appended(record.length);
            queued++;
        }
        if (queued > 0 && force) {
            try {
                l.force.force(l.appender.currentFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot force " + l.queues.tenantId() + "'s relayed queue", e);
            }
        }
        if (queued > 0) {
            wake.run();
        }
        // acknowledged only now, with every entry in the relayed queue: a crash before leaves them pending here
        RedisFuture<Long> acked = redis.xack(l.key, GROUP, ids);
        RedisFuture<PendingMessages> pending = redis.xpending(l.key, GROUP);
        connection.flushCommands();
        if (await(acked, deadline) == null) {
            throw new IllegalStateException("XACK " + l.key + " failed");
        }
        relayed.increment(queued);
        if (claim) {
            claimed.increment(read.size());
        }
        trim(l, redis, pending, ids, deadline);
        return read.size();
    }

    /**
     * Removes what the group has acknowledged: entries below both the lowest still pending and the last one acked
     * here (all at or below that were delivered to a consumer, so the ones not pending are acked).
     */
    private void trim(Lane l, RedisAsyncCommands<String, byte[]> redis, RedisFuture<PendingMessages> pending,
                      String[] ids, long deadline) {
        Object p = await(pending, deadline);
        if (!(p instanceof PendingMessages pm)) {
            return;
        }
        String below = successor(maxId(ids));
        if (pm.getCount() > 0 && pm.getMessageIds() != null && pm.getMessageIds().getLower().getValue() != null) {
            String lowest = pm.getMessageIds().getLower().getValue();
            below = compareIds(lowest, below) < 0 ? lowest : below;
        }
        redis.xtrim(l.key, XTrimArgs.Builder.minId(below).approximateTrimming());
        connection.flushCommands(); // its answer is not awaited: a trim that failed is done by the next one
    }

    static String maxId(String[] ids) {
        String max = ids[0];
        for (String id : ids) {
            max = compareIds(id, max) > 0 ? id : max;
        }
        return max;
    }

    static String successor(String id) {
        int dash = id.indexOf('-');
        return id.substring(0, dash + 1) + (Long.parseUnsignedLong(id.substring(dash + 1)) + 1);
    }

    static int compareIds(String a, String b) {
        int da = a.indexOf('-');
        int db = b.indexOf('-');
        int c = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, da)), Long.parseUnsignedLong(b.substring(0, db)));
        return c != 0 ? c : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(da + 1)),
                Long.parseUnsignedLong(b.substring(db + 1)));
    }

    private List<StreamMessage<String, byte[]>> awaitList(RedisFuture<List<StreamMessage<String, byte[]>>> f,
                                                          long deadline) {
        connection.flushCommands();
        Object v = await(f, deadline);
        if (v == null) {
            throw new IllegalStateException("XREADGROUP failed");
        }
        @SuppressWarnings("unchecked")
        List<StreamMessage<String, byte[]>> list = v == ABSENT ? List.of() : (List<StreamMessage<String, byte[]>>) v;
        return list;
    }

    private static final Object ABSENT = new Object();

    private static boolean failedWith(RedisFuture<?> f, String code) {
        try {
            f.get(0, TimeUnit.NANOSECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() != null && String.valueOf(e.getCause().getMessage()).startsWith(code);
        } catch (InterruptedException | TimeoutException e) {
            return false;
        }
    }

    /** The reply (ABSENT for a nil), or null when it failed or did not come by the deadline. */
    private static Object await(RedisFuture<?> f, long deadlineNanos) {
        try {
            Object v = f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return v == null ? ABSENT : v;
        } catch (ExecutionException | TimeoutException e) {
            f.cancel(false);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void warn(String kind, String what) {
        if (warnings.allow(kind)) {
            LOG.warn("cluster.redis streams: {} (logged once a minute)", what);
        }
    }

    /** Stops the thread; what was forwarded or read is where its positions and the stream say. */
    @Override
    public void close() {
        running = false;
        OwnThread.wakeAndJoin(thread, TimeUnit.SECONDS.toMillis(10));
    }
}
