package io.edgegw.core.usage;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.DataCoding;
import io.edgegw.core.text.MessageForm;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import net.openhft.chronicle.bytes.Bytes;
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
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The usage journal: one event per acknowledged MT message, in a Chronicle queue of its own
 * ({@code <storage.dir>/usage}), made by one thread of its own ({@code edge-usage}) off the traffic path.
 * <p>
 * The thread tails every tenant's inbound queue with its own tailer: the journal wrote each acknowledged message there
 * before its acknowledgement, so nothing acknowledged can be missed. Each event carries the inbound index it was made
 * from, in the same document ({@link UsageRecord}); on start the usage queue is read once and each tenant's tailer
 * resumes after the last index found, so no event is written twice and none is skipped, whatever moment a kill -9
 * came at. {@link #heldFrom} tells housekeeping which inbound files the reader still needs.
 * <p>
 * The same thread feeds each tenant's {@link MonthlyUsage} (rebuilt on start from the events of this month and the
 * last) and after each pass replaces that tenant's {@link UsageTotals}, immutable, which {@link #totals} hands to any
 * thread without a lock. Idle, the thread parks for {@link #IDLE_PARK_NANOS} between looks.
 */
public final class UsageJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageJournal.class);
    /** Events per tenant per pass, so one tenant's backlog does not hold the others' totals back. */
    static final int BATCH = 512;
    static final long IDLE_PARK_NANOS = 10_000_000L;
    static final long RETRY_PARK_NANOS = 1_000_000_000L;

    private final List<TenantQueues> tenants;
    private final Map<String, Integer> indexById = new HashMap<>();
    private final ChronicleQueue usage;
    private final MonthlyUsage[] monthly;
    private final Counter[] events;
    /** Per tenant: what its data_coding 0 means (its SMSC default alphabet). */
    private final Alphabet[] smscDefault;
    /** Per tenant: the last inbound index made into an event, 0 for none (written by the reader only). */
    private final AtomicLongArray lastSource;
    private final AtomicLongArray lag;
    private final AtomicReferenceArray<UsageTotals> totals;
    /** Per tenant: the month before {@link #totals}' (null when it had no event), published with it. */
    private final AtomicReferenceArray<UsageTotals> closed;
    private final OncePerMinute warnings = new OncePerMinute();
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
        this.tenants = List.copyOf(tenants);
        int n = tenants.size();
        this.smscDefault = new Alphabet[n];
        monthly = new MonthlyUsage[n];
        events = new Counter[n];
        lastSource = new AtomicLongArray(n);
        lag = new AtomicLongArray(n);
        totals = new AtomicReferenceArray<>(n);
        closed = new AtomicReferenceArray<>(n);
        for (TenantQueues t : tenants) {
            int i = t.index();
            indexById.put(t.tenantId(), i);
            Alphabet zero = smscDefault.apply(t.tenantId());
            this.smscDefault[i] = zero == null ? Alphabet.GSM7 : zero;
            monthly[i] = new MonthlyUsage(t.tenantId(), rater);
            events[i] = Counter.builder("edge_usage_events").tag("tenant", t.tenantId())
                    .description("usage events written to the usage journal").register(registry);
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
        try (ExcerptTailer tailer = usage.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    UsageRecord r;
                    try {
                        r = UsageRecord.read(dc.wire().bytes());
                    } catch (RuntimeException e) {
                        // skipped, not fatal: at worst the message it stood for gets a second event
                        unreadable++;
                        continue;
                    }
                    read++;
                    Integer i = indexById.get(r.tenantId());
                    if (i == null) {
                        continue; // a tenant no longer configured
                    }
                    lastSource.set(i, r.sourceIndex());
                    if (r.acceptedMillis() >= countFrom) {
                        monthly[i].sms(r.acceptedMillis(), Direction.MT, r.segments(), r.destination(), null);
                    }
                }
            }
        }
        for (int i = 0; i < monthly.length; i++) {
            publish(i);
        }
        if (unreadable > 0) {
            LOG.warn("usage journal: {} events unreadable, skipped", unreadable);
        }
        LOG.info("usage journal read: {} events", read);
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

    /** The tenant's totals for the current month (null before its first event); null for a tenant not configured. */
    public UsageTotals totals(String tenantId) {
        Integer i = indexById.get(tenantId);
        return i == null ? null : totals.get(i);
    }

    /**
     * The tenant's totals for {@code month} when it is one the reader keeps (the month of its last event or the one
     * before); null when it has no event in that month or is not configured.
     */
    public UsageTotals totals(String tenantId, YearMonth month) {
        Integer i = indexById.get(tenantId);
        if (i == null) {
            return null;
        }
        UsageTotals c = closed.get(i);
        UsageTotals t = totals.get(i);
        return t != null && t.month().equals(month) ? t : c != null && c.month().equals(month) ? c : null;
    }

    /** The configured tenants' ids, in index order. */
    public List<String> tenantIds() {
        return tenants.stream().map(TenantQueues::tenantId).toList();
    }

    /** Publishes tenant {@code i}'s totals: the closed month first, so a reader never sees a month vanish. */
    private void publish(int i) {
        UsageTotals t = monthly[i].totals();
        if (t != null) {
            closed.set(i, monthly[i].totals(t.month().minusMonths(1)));
        }
        totals.set(i, t);
    }

    /** Whether {@code tenantId} is a configured tenant. */
    public boolean knows(String tenantId) {
        return indexById.containsKey(tenantId);
    }

    private void run() {
        int n = tenants.size();
        ExcerptTailer[] tailers = new ExcerptTailer[n];
        QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
        try (ExcerptAppender appender = usage.createAppender()) {
            for (TenantQueues t : tenants) {
                tailers[t.index()] = resumeTailer(t);
            }
            while (running) {
                boolean any = false;
                try {
                    for (int i = 0; i < n; i++) {
                        any |= pass(i, tailers[i], appender, head);
                    }
                } catch (RuntimeException e) {
                    // the message whose event failed is read again (see pass): a full disk is waited out
                    if (warnings.allow("write")) {
                        LOG.warn("usage: could not write a usage event, trying again in a second (more not logged "
                                + "for a minute): {}", e.toString());
                    }
                    LockSupport.parkNanos(RETRY_PARK_NANOS);
                    continue;
                }
                if (!any) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("usage reader stopped: no usage events are written until a restart", e);
        } finally {
            for (ExcerptTailer t : tailers) {
                if (t != null) {
                    t.close();
                }
            }
        }
    }

    /** A tailer on the tenant's inbound queue, positioned after its last source index (or at the start). */
    private ExcerptTailer resumeTailer(TenantQueues t) {
        ExcerptTailer tailer = t.inbound().createTailer();
        long last = lastSource.get(t.index());
        if (last == 0) {
            tailer.toStart();
            return tailer;
        }
        if (!tailer.moveToIndex(last)) {
            // the file holding it is gone (housekeeping holds it for us, so only if removed by hand): events from
            // the first message left would be all we could write, and some acknowledged ones would have none
            LOG.error("usage: tenant {} inbound index {} (last made into an event) is no longer on disk; resuming "
                    + "at the first message left, some messages have no usage event", t.tenantId(), last);
            tailer.toStart();
            return tailer;
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (dc.isPresent() && dc.index() != last) {
                dc.rollbackOnClose(); // not the one we stopped at: read it as the next
            }
        }
        return tailer;
    }

    /** Up to {@link #BATCH} new messages of one tenant made into events; true if there were any. */
    private boolean pass(int i, ExcerptTailer tailer, ExcerptAppender appender, QueueRecords.SubmitHead head) {
        TenantQueues t = tenants.get(i);
        int made = 0;
        while (made < BATCH) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                long index = dc.index();
                UsageRecord r = event(t.tenantId(), smscDefault[i], index, dc.wire().bytes(), head);
                try {
                    write(appender, r);
                } catch (RuntimeException e) {
                    dc.rollbackOnClose(); // no event written: the message is read again next time
                    throw e;
                }
                lastSource.set(i, index);
                monthly[i].sms(r.acceptedMillis(), Direction.MT, r.segments(), r.destination(), null);
                made++;
            }
        }
        if (made > 0) {
            events[i].increment(made);
            publish(i);
        }
        lag.set(i, made < BATCH ? 0 : behind(t, lastSource.get(i)));
        return made > 0;
    }

    /** One event, one document: all of it or, if anything fails, none of it. */
    private static void write(ExcerptAppender appender, UsageRecord r) {
        try (DocumentContext out = appender.writingDocument()) {
            try {
                UsageRecord.write(out.wire().bytes(), r);
            } catch (RuntimeException e) {
                out.rollbackOnClose();
                throw e;
            }
        }
    }

    /** The event of one inbound record; a record it cannot read still gets one (0 segments), with a warning. */
    private UsageRecord event(String tenantId, Alphabet smscDefault, long index, Bytes<?> in,
                             QueueRecords.SubmitHead head) {
        try {
            QueueRecords.readSubmitHead(in, head);
            ShortMessage m = QueueRecords.readMessage(in, head.sar);
            Alphabet alphabet = DataCoding.forCounting(m.dataCoding() & 0xFF, smscDefault);
            int segments = segments(m, alphabet);
            String digits = UsageRecord.digits(m.destAddr());
            return new UsageRecord(UsageRecord.ACCEPTED, tenantId, index, head.gatewayId, head.acceptedMillis,
                    segments, alphabet.name(), m.dataCoding() & 0xFF, digits, CountryCode.of(digits));
        } catch (RuntimeException e) {
            if (warnings.allow(tenantId)) {
                LOG.warn("usage: tenant {} inbound record {} unreadable, counted as 0 segments (more not logged for "
                        + "a minute): {}", tenantId, Long.toHexString(index), e.toString());
            }
            return new UsageRecord(UsageRecord.ACCEPTED, tenantId, index, 0, System.currentTimeMillis(), 0, "", 0,
                    "", "");
        }
    }

    /**
     * Segments of an accepted message by its esm_class, data_coding (0 read as the tenant's SMSC default) and octets: more than an
     * SMPP short_message holds came as message_payload. A part (UDH or SAR values) counts 1; a malformed one counts 1
     * too, since it was accepted and will be sent.
     */
    static int segments(ShortMessage m, Alphabet alphabet) {
        byte[] p = m.payload() == null ? new byte[0] : m.payload();
        boolean payload = p.length > MessageForm.MAX_SHORT_MESSAGE;
        boolean sar = m.hasSar();
        int segments = MessageForm.segments(m.esmClass() & 0xFF, alphabet, payload ? null : p, payload ? p : null,
                sar ? m.sarReference() : MessageForm.NONE, sar ? m.sarTotal() : MessageForm.NONE,
                sar ? m.sarSeq() : MessageForm.NONE);
        return Math.max(1, segments); // a malformed one (negative) was refused at submit; counted 1 if it got in
    }

    /** Records in the tenant's inbound queue after {@code last}; -1 when Chronicle cannot count them. */
    private static long behind(TenantQueues t, long last) {
        try {
            ChronicleQueue q = t.inbound();
            long end = q.lastIndex();
            if (end < 0 || end <= last || !(q instanceof SingleChronicleQueue s)) {
                return 0;
            }
            // countExcerpts(a, b) counts a..b-1, here last+1..end
            return last == 0 ? s.countExcerpts(q.firstIndex(), end) + 1 : s.countExcerpts(last, end);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Stops the reader (after the event it is writing) and closes the usage queue. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            LockSupport.unpark(thread);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        usage.close();
    }
}
