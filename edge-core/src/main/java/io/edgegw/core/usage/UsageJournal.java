package io.edgegw.core.usage;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.CorrelationRecord;
import io.edgegw.core.spi.CallUsage;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.thread.OwnThread;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The usage journal: one event per acknowledged MT message (ACCEPTED), per carrier acceptance (ROUTED) and per final
 * receipt (FINAL), in a Chronicle queue of its own ({@code <storage.dir>/usage}), made by one thread of its own
 * ({@code edge-usage}) off the traffic path. ROUTED events come from the correlations journal, FINAL from the tenants'
 * outbound queues, by the same resume rule as below (see docs/ARCHITECTURE.md).
 * <p>
 * The thread tails every tenant's inbound queue with its own tailer: the journal wrote each acknowledged message there
 * before its acknowledgement, so nothing acknowledged can be missed. Each event carries the inbound index it was made
 * from, in the same document ({@link UsageRecord}; the events of one pass over one source, up to
 * {@link UsageRecord#MAX_BATCH}, share a document, see {@link #flush}); on start the usage queue is read once and
 * each tenant's tailer resumes after the last index found, so no event is written twice and none is skipped, whatever
 * moment a kill -9 came at. {@link #heldFrom} tells housekeeping which inbound files the reader still needs.
 * <p>
 * A scheduled message is counted once, when it was accepted: the reader tails each tenant's scheduled queue too (its
 * events carry the source index negated, {@code ~index}), and skips the copies the gateway makes of scheduled records
 * ({@link io.edgegw.core.queue.QueueRecords#VERSION_MOVED}, into inbound when due or to the scheduled queue's tail),
 * however many a crash made.
 * <p>
 * The same thread feeds each tenant's {@link MonthlyUsage} (rebuilt on start from the events of this month and the
 * last) and replaces that tenant's {@link UsageTotals}, immutable, which {@link #totals} hands to any thread without a
 * lock: once it has nothing more to read, and every {@link #PUBLISH_EVERY_NANOS} meanwhile. Unless a source had a
 * whole pass waiting, the thread parks for {@link #IDLE_PARK_NANOS} between looks: keeping up with traffic, it makes
 * a pass's events in a few documents every few milliseconds rather than one or two at a time.
 */
public final class UsageJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageJournal.class);
    /** Events per tenant per pass, so one tenant's backlog does not hold the others' totals back. */
    static final int BATCH = 512;
    /** How long the reader waits when no source had a whole pass waiting (idle, or keeping up with traffic). */
    static final long IDLE_PARK_NANOS = 10_000_000L;
    static final long RETRY_PARK_NANOS = 1_000_000_000L;
    /**
     * {@link RecentAccepted} holds 2^14 events: at 30,000 messages a second, the last half second's, where carriers
     * answer within milliseconds (about 2 MB held).
     */
    static final int RECENT_BITS = 14;
    /** How long a ROUTED event waits for its message's ACCEPTED event once the inbound queue is read through. */
    static final long ACCEPTED_WAIT_NANOS = 1_000_000_000L;
    /** How often the lag gauge is counted while the reader is behind. */
    static final long LAG_EVERY_NANOS = 500_000_000L;
    /** How often a busy reader publishes the totals of the tenants it counted events for (at once when idle). */
    static final long PUBLISH_EVERY_NANOS = 50_000_000L;

    private final List<TenantQueues> tenants;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final ChronicleQueue usage;
    private final MonthlyUsage[] monthly;
    private final Counter[] events;
    /** Per tenant: what its data_coding 0 means (its SMSC default alphabet). */
    private final Alphabet[] smscDefault;
    /**
     * Per tenant: the last inbound index read (made into an event, or a copy of a scheduled message skipped), 0 for
     * none (written by the reader only).
     */
    private final AtomicLongArray lastSource;
    /** Per tenant: the same in its scheduled queue. */
    private final AtomicLongArray lastScheduled;
    /** Per tenant: the last outbound index read (made into an event or passed over), 0 for none. */
    private final AtomicLongArray lastOutbound;
    /** The correlations journal (ROUTED events' source); null when this journal makes ACCEPTED events only. */
    private final ChronicleQueue correlations;
    /** The last correlations index read, 0 for none. */
    private volatile long lastCorrelation;
    /** Per tenant: finds a routed message's segments and destination in its inbound queue (reader thread). */
    private final InboundLookup[] lookups;
    /** The ACCEPTED events made last, which most ROUTED events take their message's figures from (reader thread). */
    private final RecentAccepted recent = new RecentAccepted(RECENT_BITS);
    /** Per tenant: the highest gateway id of its ACCEPTED events (reader thread, and recovery before it). */
    private final long[] lastAcceptedId;
    /** The correlation waiting for its message's ACCEPTED event, and since when (reader thread). */
    private long waitingIndex = -1;
    private long waitingSince;
    /** Per tenant: whether its inbound queue had more than a pass's worth left at its last pass (reader thread). */
    private final boolean[] acceptedBehind;
    /** Per tenant: whether events were counted since its totals were last published (reader thread). */
    private final boolean[] touched;
    /** When totals were last published (nanoTime, reader thread). */
    private long publishedAt = System.nanoTime();
    /** Answered calls from the SIP side, made into CALL events by the reader. */
    private final CallHandOff calls;
    private final Counter[] billableSeconds;
    /** A call taken from {@link #calls} whose event could not be written yet (reader thread). */
    private CallHandOff.EndedCall unwritten;
    private final AtomicLongArray lag;
    /** Per tenant: when {@link #lag} was last counted while behind (nanoTime, reader thread). */
    private final long[] lagAt;
    /** What the reader last published per tenant, for any thread. */
    private final PublishedUsage published;
    private final OncePerMinute warnings = new OncePerMinute();
    private final SourceReader sources = new SourceReader();
    private final UsageRecord.Writer writer = new UsageRecord.Writer();
    /** The events of the document being gathered, and their tenants (reader thread; see {@link #flush}). */
    private final UsageRecord[] batch = new UsageRecord[UsageRecord.MAX_BATCH];
    private final int[] batchTenant = new int[UsageRecord.MAX_BATCH];
    private int batched;
    /** Moves a source's position past a record read without an event, once the events before it are written. */
    private Runnable passedOver;
    /** Whether a source had a whole pass's worth ({@link #BATCH}) in the loop's last round: more is waiting. */
    private boolean full;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Opens {@code <storageDir>/usage} and reads it through: each tenant's last source index, and the month so far.
     *
     * @param tenants in index order ({@link TenantQueues#index()})
     */
    public UsageJournal(Path storageDir, RollCycle rollCycle, List<TenantQueues> tenants, Rater rater,
                        MeterRegistry registry) {
        this(storageDir, rollCycle, tenants, rater, registry, id -> Alphabet.GSM7);
    }

    /**
     * As above, with each tenant's SMSC default alphabet (what its data_coding 0 means; GSM 7-bit in the other).
     *
     * @param smscDefault by tenant id: GSM 7-bit, IA5 or Latin-1
     */
    public UsageJournal(Path storageDir, RollCycle rollCycle, List<TenantQueues> tenants, Rater rater,
                        MeterRegistry registry, Function<String, Alphabet> smscDefault) {
        this(storageDir, rollCycle, tenants, null, rater, registry, smscDefault);
    }

    /**
     * As above, also making ROUTED events from the correlations journal and FINAL events from the tenants' outbound
     * queues.
     *
     * @param correlations the correlations journal ({@code <storage.dir>/correlations}); null for ACCEPTED events only
     */
    public UsageJournal(Path storageDir, RollCycle rollCycle, List<TenantQueues> tenants, ChronicleQueue correlations,
                        Rater rater, MeterRegistry registry, Function<String, Alphabet> smscDefault) {
        this.tenants = List.copyOf(tenants);
        this.correlations = correlations;
        int n = tenants.size();
        this.smscDefault = new Alphabet[n];
        monthly = new MonthlyUsage[n];
        events = new Counter[n];
        lastSource = new AtomicLongArray(n);
        lastScheduled = new AtomicLongArray(n);
        lastOutbound = new AtomicLongArray(n);
        lookups = new InboundLookup[n];
        touched = new boolean[n];
        lastAcceptedId = new long[n];
        acceptedBehind = new boolean[n];
        lagAt = new long[n];
        billableSeconds = new Counter[n];
        calls = new CallHandOff(registry);
        lag = new AtomicLongArray(n);
        published = new PublishedUsage(n, rater);
        for (TenantQueues t : tenants) {
            int i = t.index();
            indexById.put(t.tenantId(), i);
            Alphabet zero = smscDefault.apply(t.tenantId());
            this.smscDefault[i] = zero == null ? Alphabet.GSM7 : zero;
            monthly[i] = new MonthlyUsage(t.tenantId(), rater);
            events[i] = Counter.builder("edge_usage_events").tag("tenant", t.tenantId())
                    .description("usage events written to the usage journal").register(registry);
            billableSeconds[i] = Counter.builder("edge_tenant_call_billable_seconds").tag("tenant", t.tenantId())
                    .description("seconds from answer to hang-up of the tenant's answered calls, as metered")
                    .register(registry);
            Gauge.builder("edge_usage_lag_records", lag, a -> a.get(i)).tag("tenant", t.tenantId())
                    .description("acknowledged messages the usage reader has not made into events yet")
                    .register(registry);
        }
        usage = TenantQueues.open(storageDir.resolve("usage"), rollCycle);
        try {
            recover();
        } catch (RuntimeException e) {
            usage.close();
            throw e;
        }
        thread = new Thread(this::run, "edge-usage");
        thread.setDaemon(true);
    }

    /** Reads the whole usage queue: where each tenant resumes; the events since last month's start, counted again. */
    private void recover() {
        YearMonth now = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
        long countFrom = now.minusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        long read = 0;
        long unreadable = 0;
        int lastVersion = 0;
        try (ExcerptTailer tailer = usage.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    List<UsageRecord> doc;
                    try {
                        lastVersion = dc.wire().bytes().peekUnsignedByte();
                        doc = UsageRecord.readDocument(dc.wire().bytes(), null);
                    } catch (RuntimeException e) {
                        // skipped, not fatal: at worst the messages it stood for get a second event
                        unreadable++;
                        continue;
                    }
                    for (UsageRecord r : doc) {
                        read++;
                        recovered(r, countFrom);
                    }
                }
            }
        }
        if (read > 0 && lastVersion == UsageRecord.VERSION_1 && correlations != null) {
            // written by a gateway before ROUTED, FINAL and MO events: what its carriers, receipts and MO did then
            // is not made into events now, at today's time, but from here on
            lastCorrelation = Math.max(0, correlations.lastIndex());
            for (TenantQueues t : tenants) {
                lastOutbound.set(t.index(), Math.max(0, t.outbound().lastIndex()));
            }
            LOG.info("usage journal of an earlier version: ROUTED, FINAL and MO events start with the next "
                    + "correlation, receipt and MO");
        }
        for (int i = 0; i < monthly.length; i++) {
            publish(i);
        }
        if (unreadable > 0) {
            LOG.warn("usage journal: {} events unreadable, skipped", unreadable);
        }
        LOG.info("usage journal read: {} events", read);
    }

    /** One event read back at start: where its source resumes, and its count when this month's or last month's. */
    private void recovered(UsageRecord r, long countFrom) {
        if (r.sourceOf() == UsageRecord.Source.CORRELATIONS) {
            lastCorrelation = r.sourceIndex(); // one journal for all tenants, configured or not
        }
        Integer i = indexById.get(r.tenantId());
        if (i == null) {
            return; // a tenant no longer configured
        }
        passed(i, r);
        if (r.acceptedMillis() >= countFrom) {
            count(i, r);
        }
    }

    /**
     * Tenant {@code i}'s event {@code r} is on disk: its source resumes after it, and an ACCEPTED one raises the
     * tenant's highest accepted id (at start, reading the journal back; running, once its document is written).
     */
    private void passed(int i, UsageRecord r) {
        switch (r.sourceOf()) {
            case INBOUND -> lastSource.set(i, r.sourceIndex());
            case SCHEDULED -> lastScheduled.set(i, ~r.sourceIndex());
            case OUTBOUND -> lastOutbound.set(i, r.sourceIndex());
            case CORRELATIONS -> lastCorrelation = r.sourceIndex();
            default -> { } // a call: made from no queue
        }
        if (r.kind() == UsageRecord.ACCEPTED) {
            lastAcceptedId[i] = Math.max(lastAcceptedId[i], r.gatewayId());
        }
    }

    public void start() {
        thread.start();
    }

    /**
     * The inbound index from which tenant {@code tenantIndex}'s inbound files must stay for the usage reader: its last
     * source index (the file holding it and later ones), or 0 when it has made no event yet (keep everything).
     */
    public long heldFrom(int tenantIndex) {
        return lastSource.get(tenantIndex);
    }

    /** As {@link #heldFrom}, for the tenant's scheduled queue. */
    public long heldFromScheduled(int tenantIndex) {
        return lastScheduled.get(tenantIndex);
    }

    /** As {@link #heldFrom}, for the tenant's outbound queue (receipts: FINAL events). */
    public long outboundHeldFrom(int tenantIndex) {
        return lastOutbound.get(tenantIndex);
    }

    /** As {@link #heldFrom}, for the correlations journal (ROUTED events). */
    public long correlationsHeldFrom() {
        return lastCorrelation;
    }

    /** Counts one event in its tenant's month (reader thread, or the constructor's recovery). */
    private void count(int i, UsageRecord r) {
        switch (r.kind()) {
            case UsageRecord.ACCEPTED -> monthly[i].sms(r.acceptedMillis(), Direction.MT, r.segments(),
                    r.destination(), null);
            case UsageRecord.ROUTED -> monthly[i].routed(r.acceptedMillis(), r.carrierId(), r.segments(),
                    r.destination());
            case UsageRecord.CALL -> monthly[i].call(r.acceptedMillis(), r.seconds(), r.destination(),
                    r.carrierId());
            case UsageRecord.MO -> monthly[i].sms(r.acceptedMillis(), Direction.MO, r.segments(), r.destination(),
                    null);
            default -> { } // FINAL: a state, not money
        }
    }

    /** The tenant's totals for the current month (null before its first event); null for a tenant not configured. */
    public UsageTotals totals(String tenantId) {
        Integer i = indexById.get(tenantId);
        return i == null ? null : published.current(i);
    }

    /**
     * The tenant's totals for {@code month} when it is one the reader keeps (the month of its last event or the one
     * before); null when it has no event in that month or is not configured.
     */
    public UsageTotals totals(String tenantId, YearMonth month) {
        Integer i = indexById.get(tenantId);
        return i == null ? null : published.month(i, month);
    }

    /**
     * The tenant's totals for the UTC days {@code from} to {@code to} inclusive, each in a month the reader keeps
     * (the current and the one before; the caller checks); days with no event count nothing. Null for a tenant not
     * configured.
     */
    public UsageTotals totals(String tenantId, LocalDate from, LocalDate to) {
        Integer i = indexById.get(tenantId);
        return i == null ? null : published.days(i, tenantId, from, to);
    }

    /** The configured tenants' ids, in index order. */
    public List<String> tenantIds() {
        return tenants.stream().map(TenantQueues::tenantId).toList();
    }

    private void publish(int i) {
        published.publish(i, monthly[i]);
    }

    /** Whether {@code tenantId} is a configured tenant. */
    public boolean knows(String tenantId) {
        return indexById.containsKey(tenantId);
    }

    private void run() {
        int n = tenants.size();
        Sources src = new Sources(n);
        try (ExcerptAppender appender = usage.createAppender()) {
            src.open();
            while (running) {
                boolean any = false;
                full = false;
                try {
                    for (int i = 0; i < n; i++) {
                        any |= pass(i, src.inbound[i], appender, false);
                        any |= pass(i, src.scheduled[i], appender, true);
                        if (src.outbound[i] != null) {
                            any |= outbound(i, src.outbound[i], appender);
                        }
                    }
                    if (src.correlations != null) {
                        any |= routed(src.correlations, appender);
                    }
                    any |= calls(appender);
                    publishTouched(!any);
                } catch (RuntimeException e) {
                    // the events not written are made again: every source is read again after its last event
                    // written (see flush); a full disk is waited out
                    if (warnings.allow("write")) {
                        LOG.warn("usage: could not write a usage event, trying again in a second (more not logged "
                                + "for a minute): {}", e.toString());
                    }
                    Arrays.fill(batch, null);
                    batched = 0;
                    passedOver = null;
                    LockSupport.parkNanos(RETRY_PARK_NANOS);
                    src.close();
                    src.open();
                    continue;
                }
                if (!full) {
                    // caught up, or nearly: waits for more to gather rather than making a few events a pass (each
                    // pass a document per source, each wake-up a context switch on cores the traffic needs)
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("usage reader stopped: no usage events are written until a restart", e);
        } finally {
            src.close();
            for (InboundLookup l : lookups) {
                if (l != null) {
                    l.close();
                }
            }
        }
    }

    /** The reader's tailers on its sources, each positioned after the last source index an event was written for. */
    private final class Sources {
        final ExcerptTailer[] inbound;
        final ExcerptTailer[] scheduled;
        final ExcerptTailer[] outbound;
        ExcerptTailer correlations;

        Sources(int n) {
            inbound = new ExcerptTailer[n];
            scheduled = new ExcerptTailer[n];
            outbound = new ExcerptTailer[n];
        }

        void open() {
            for (TenantQueues t : tenants) {
                int i = t.index();
                inbound[i] = SourceTailers.resumeSubmits(t.inbound(), lastSource.get(i), t.tenantId() + " inbound");
                scheduled[i] = SourceTailers.resumeSubmits(t.scheduled(), lastScheduled.get(i),
                        t.tenantId() + " scheduled");
                if (UsageJournal.this.correlations != null) {
                    outbound[i] = SourceTailers.resume(t.outbound(), lastOutbound.get(i), t.tenantId() + " outbound");
                    if (lookups[i] == null) {
                        lookups[i] = new InboundLookup(t.inbound(), t.scheduled());
                    }
                }
            }
            if (UsageJournal.this.correlations != null) {
                correlations = SourceTailers.resume(UsageJournal.this.correlations, lastCorrelation, "correlations");
            }
        }

        void close() {
            for (int i = 0; i < inbound.length; i++) {
                UsageJournal.close(inbound[i]);
                UsageJournal.close(scheduled[i]);
                UsageJournal.close(outbound[i]);
                inbound[i] = scheduled[i] = outbound[i] = null;
            }
            UsageJournal.close(correlations);
            correlations = null;
        }
    }

    private static void close(ExcerptTailer t) {
        if (t != null) {
            t.close();
        }
    }

    /**
     * Keeps event {@code r} of tenant {@code i} for the document being gathered, writing that document first when it
     * is full ({@link #flush}).
     */
    private void add(ExcerptAppender appender, int i, UsageRecord r) {
        if (batched == UsageRecord.MAX_BATCH) {
            flush(appender);
        }
        batch[batched] = r;
        batchTenant[batched] = i;
        batched++;
        passedOver = null; // a record passed over before this event: its position is behind this event's
    }

    /**
     * Writes the events gathered as one document, then counts them and moves their sources' positions on (the
     * positions {@link Sources} resume from after a failure): an event counts once it is on disk with its source
     * index, and a source record is passed only once its event is. Records read without an event (a copy of a
     * scheduled message, a receipt on the way) move their source's position on only after the events before them.
     * Throws as the write does, counting nothing.
     */
    private void flush(ExcerptAppender appender) {
        if (batched > 0) {
            try (DocumentContext out = appender.writingDocument()) {
                try {
                    if (batched == 1) {
                        writer.write(out.wire().bytes(), batch[0]);
                    } else {
                        writer.writeBatch(out.wire().bytes(), batch, batched);
                    }
                } catch (RuntimeException e) {
                    out.rollbackOnClose();
                    throw e;
                }
            }
            for (int k = 0; k < batched; k++) {
                UsageRecord r = batch[k];
                int i = batchTenant[k];
                count(i, r);
                events[i].increment();
                touched[i] = true;
                passed(i, r);
                if (r.kind() == UsageRecord.ACCEPTED) {
                    recent.put(i, r);
                }
                batch[k] = null;
            }
            batched = 0;
        }
        if (passedOver != null) {
            passedOver.run();
            passedOver = null;
        }
    }

    /**
     * Up to {@link #BATCH} new messages of one tenant's inbound (or {@code scheduled}) queue made into events; true if
     * there were any. The gateway's own copies of scheduled records are skipped: counted when accepted.
     */
    private boolean pass(int i, ExcerptTailer tailer, ExcerptAppender appender, boolean scheduled) {
        TenantQueues t = tenants.get(i);
        int made = 0;
        while (made < BATCH) {
            long index;
            UsageRecord r;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                index = dc.index();
                r = sources.accepted(t.tenantId(), smscDefault[i], scheduled ? ~index : index, dc.wire().bytes());
            }
            if (r == null) { // a copy of a scheduled record: counted when accepted
                // read past: housekeeping may delete it (a restart resumes from the last event, and finds only
                // copies between that and the first record left)
                AtomicLongArray last = scheduled ? lastScheduled : lastSource;
                if (batched == 0) {
                    last.set(i, index);
                } else {
                    passedOver = () -> last.set(i, index);
                }
                continue;
            }
            add(appender, i, r);
            made++;
        }
        flush(appender);
        full |= made == BATCH;
        if (!scheduled) {
            acceptedBehind[i] = made == BATCH;
            long now = System.nanoTime();
            if (made < BATCH) {
                lag.set(i, 0);
            } else if (now - lagAt[i] >= LAG_EVERY_NANOS) { // counting is a Chronicle index scan
                lagAt[i] = now;
                lag.set(i, SourceTailers.behind(t, lastSource.get(i)));
            }
        }
        return made > 0;
    }

    /**
     * Up to {@link #BATCH} new records of one tenant's outbound queue: each final receipt (the carrier's or the
     * gateway's own) made into a FINAL event, each MO into an MO event (rated at the plan's MO price); receipts on
     * the way passed over. True if any was read.
     */
    private boolean outbound(int i, ExcerptTailer tailer, ExcerptAppender appender) {
        String tenantId = tenants.get(i).tenantId();
        int read = 0;
        while (read < BATCH) {
            long index;
            UsageRecord r;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                index = dc.index();
                r = sources.outbound(tenantId, index, dc.wire().bytes());
            }
            read++;
            if (r != null) {
                add(appender, i, r);
            } else if (batched == 0) {
                lastOutbound.set(i, index);
            } else {
                passedOver = () -> lastOutbound.set(i, index);
            }
        }
        flush(appender);
        full |= read == BATCH;
        return read > 0;
    }

    /**
     * Up to {@link #BATCH} new correlations (each a carrier's submit_sm_resp OK), each made into a ROUTED event for
     * its tenant, with the message's segments and destination found in the tenant's inbound queue and the carrier's
     * cost counted. True if any was read.
     * <p>
     * The figures come from the message's ACCEPTED event when {@link #recent} still holds it, else from the inbound
     * queue. A correlation of a message whose ACCEPTED event is not made yet waits for it ({@link #waitForAccepted}),
     * so a backlog is not read twice over and a message just appended is not searched for.
     */
    private boolean routed(ExcerptTailer tailer, ExcerptAppender appender) {
        int read = 0;
        while (read < BATCH) {
            long index;
            Integer i;
            CorrelationRecord.Entry e;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                index = dc.index();
                e = sources.correlation(index, dc.wire().bytes());
                i = e == null ? null : indexById.get(e.correlation().tenantId());
                if (i != null && e.correlation().gatewayId() > lastAcceptedId[i] && waitForAccepted(i, index)) {
                    dc.rollbackOnClose(); // read again once the tenant's ACCEPTED events got past it
                    break;
                }
            }
            read++;
            if (i != null) { // else unreadable, or of a tenant no longer configured
                UsageRecord accepted = recent.get(i, e.correlation().gatewayId());
                add(appender, i, accepted != null ? sources.routed(accepted, index, e)
                        : sources.routed(tenants.get(i).tenantId(), smscDefault[i], lookups[i], index, e));
            } else if (batched == 0) {
                lastCorrelation = index;
            } else {
                long passed = index;
                passedOver = () -> lastCorrelation = passed;
            }
        }
        flush(appender);
        full |= read == BATCH;
        return read > 0;
    }

    /**
     * Whether the correlation at {@code index}, of tenant {@code i}'s message whose ACCEPTED event is not made yet,
     * waits for it: while the tenant's inbound queue has more than a pass left, and else for up to
     * {@link #ACCEPTED_WAIT_NANOS} (the message was appended since the last pass, and is read at the next), after
     * which its figures are looked up in the inbound queue (a record that never makes an ACCEPTED event with its id,
     * an unreadable one, cannot hold ROUTED events back).
     */
    private boolean waitForAccepted(int i, long index) {
        if (acceptedBehind[i]) {
            return true;
        }
        long now = System.nanoTime();
        if (waitingIndex != index) {
            waitingIndex = index;
            waitingSince = now;
        }
        return now - waitingSince < ACCEPTED_WAIT_NANOS;
    }

    /**
     * Up to {@link #BATCH} answered calls handed over, each made into a CALL event and rated (the plan's per-minute
     * price and increment, the carrier's cost by its own); a call of a tenant not configured is passed over. A call
     * whose event cannot be written is kept and tried again first. True if any was taken.
     */
    private boolean calls(ExcerptAppender appender) {
        int taken = 0;
        CallHandOff.EndedCall c;
        while (taken < BATCH && (c = unwritten != null ? unwritten : calls.poll()) != null) {
            unwritten = c;
            taken++;
            Integer i = indexById.get(c.tenantId());
            if (i != null) {
                String digits = UsageRecord.digits(c.destination());
                String callId = c.callId() == null ? "" : c.callId().length() > UsageRecord.MAX_CALL_ID
                        ? c.callId().substring(0, UsageRecord.MAX_CALL_ID) : c.callId();
                UsageRecord r = new UsageRecord(UsageRecord.CALL, c.tenantId(), 0, 0, c.endMillis(), 0, "", 0,
                        digits, CountryCode.of(digits), c.carrierId() == null ? "" : c.carrierId(), -1, callId,
                        c.seconds());
                add(appender, i, r);
                flush(appender); // a document of its own; throws: kept in unwritten, tried again after the pause
                billableSeconds[i].increment(c.seconds());
            }
            unwritten = null;
        }
        full |= taken == BATCH;
        return taken > 0;
    }

    /** Where the SIP side hands answered calls over (any thread, lock-free, bounded). */
    public CallUsage calls() {
        return calls;
    }

    /**
     * Publishes the totals of each tenant an event was counted for since the last time, at most every
     * {@link #PUBLISH_EVERY_NANOS} while busy and at once when {@code idle}: building a tenant's totals costs more than
     * a pass's few events when the reader keeps up with traffic.
     */
    private void publishTouched(boolean idle) {
        long now = System.nanoTime();
        if (!idle && now - publishedAt < PUBLISH_EVERY_NANOS) {
            return;
        }
        publishedAt = now;
        for (int i = 0; i < touched.length; i++) {
            if (touched[i]) {
                touched[i] = false;
                publish(i);
            }
        }
    }

    /** Stops the reader (after the event it is writing) and closes the usage queue. */
    @Override
    public void close() {
        running = false;
        OwnThread.wakeAndJoin(thread, 10_000);
        usage.close();
    }
}
