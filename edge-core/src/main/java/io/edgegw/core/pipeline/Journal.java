package io.edgegw.core.pipeline;

import com.lmax.disruptor.EventHandler;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.queue.DeadLetterQueue;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.Correlation;
import io.edgegw.core.receipt.Correlations;
import io.edgegw.core.receipt.ReceiptCorrelator;
import io.edgegw.core.route.PrefixMap;
import io.edgegw.core.spi.AckSink;
import io.micrometer.core.instrument.Counter;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The one thread that writes: tenant submits into inbound queues (or, not due yet, scheduled queues, and their
 * copies when due), correlations, receipts into outbound queues, dead letters (and their replay into outbound queues).
 * Acks are answered after the append returns and flushed once per batch, so a tenant sees submit_sm_resp only
 * for messages already on disk. With {@code storage.sync: batch} ({@link BatchForce}) the batch's answers are held
 * until the queues it wrote are forced to the device at its end, once per batch.
 */
public final class Journal implements EventHandler<JournalEvent>, ReceiptCorrelator.Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    /** Most dead letters one replay or purge settles, so an operator's call holds up the journal only briefly. */
    public static final int MAX_SETTLED_PER_CALL = 10_000;

    private final Map<String, TenantQueues> tenants;
    private final Correlations correlations;
    private final ReceiptCorrelator receipts;
    private final JournalListener listener;
    private final Counter[] acceptedByTenant;
    private final MessageIds ids;
    private final ExcerptAppender[] inbound;
    private final ExcerptAppender[] outbound;
    private final ExcerptAppender[] scheduled;
    private final PrefixMap<String> numberOwners;
    private final Counter moUnowned;
    /** By {@link JournalEvent.Kind} ordinal: events that threw. */
    private final Counter[] errors;
    private final OncePerMinute errorLog = new OncePerMinute();
    private long lastUnownedWarn = Long.MIN_VALUE / 2;
    /** Sinks touched in this batch, identity-deduplicated; reused across batches. */
    private AckSink[] touched = new AckSink[64];
    private int touchedCount;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile RuntimeException startFailure;
    /** Both null with {@code storage.sync: none}: answers then go straight to the sessions. */
    private final BatchForce force;
    private final HeldAnswers held;
    private final Supplier<File> correlationsFile;
    private final IntFunction<File> deadLetterFiles;

    /**
     * @param disk  where receipts whose correlation is not in memory are looked up (answers come through the ring)
     * @param force null for {@code storage.sync: none}; else each batch is forced before its answers go out
     * @param ids   issues the gateway message ids (in a cluster, ids of this instance's own)
     */
    public Journal(Map<String, TenantQueues> tenants, Correlations correlations, ReceiptCorrelator.DiskLookups disk,
                   JournalListener listener, Counter[] acceptedByTenant, Counter unmatchedReceipts,
                   PrefixMap<String> numberOwners, Counter moUnowned, Counter[] errors, BatchForce force,
                   MessageIds ids) {
        this.ids = ids;
        this.force = force;
        this.held = force == null ? null : new HeldAnswers();
        this.correlationsFile = correlations::currentFile;
        TenantQueues[] byIndex = new TenantQueues[tenants.size()];
        tenants.values().forEach(t -> byIndex[t.index()] = t);
        this.deadLetterFiles = i -> byIndex[i].deadLetters().currentFile();
        this.errors = errors;
        this.numberOwners = numberOwners;
        this.moUnowned = moUnowned;
        this.tenants = tenants;
        this.correlations = correlations;
        this.listener = listener;
        this.acceptedByTenant = acceptedByTenant;
        this.receipts = new ReceiptCorrelator(correlations, disk, this, unmatchedReceipts);
        this.inbound = new ExcerptAppender[tenants.size()];
        this.outbound = new ExcerptAppender[tenants.size()];
        this.scheduled = new ExcerptAppender[tenants.size()];
    }

    public ReceiptCorrelator receipts() {
        return receipts;
    }

    @Override
    public void onStart() {
        try {
            // Chronicle appenders belong to the thread that made them: make them here, on the journal thread
            for (TenantQueues t : tenants.values()) {
                inbound[t.index()] = t.inbound().createAppender();
                outbound[t.index()] = t.outbound().createAppender();
                scheduled[t.index()] = t.scheduled().createAppender();
            }
            correlations.open(); // reads nothing: older correlations are found through the on-disk index
            LOG.info("journal started: {} tenants", tenants.size());
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        } finally {
            started.countDown();
        }
    }

    /** Waits until the journal thread has made its appenders; until then nothing may delete old cycle files. */
    public void awaitStarted() throws InterruptedException {
        started.await();
        if (startFailure != null) {
            throw new IllegalStateException("journal failed to start: " + startFailure, startFailure);
        }
    }

    @Override
    public void onShutdown() {
        for (int i = 0; i < inbound.length; i++) {
            if (inbound[i] != null) {
                inbound[i].close();
                outbound[i].close();
                scheduled[i].close();
            }
        }
        tenants.values().forEach(t -> t.deadLetters().closeAppender());
        correlations.close();
        if (force != null) {
            force.close();
        }
    }

    @Override
    public void onEvent(JournalEvent e, long sequence, boolean endOfBatch) {
        try {
            switch (e.kind) {
                case TENANT_SUBMIT: submit(e); break;
                case CARRIER_RESPONSE: response(e); break;
                case CARRIER_DELIVERY: delivery(e); break;
                case FAILED_RECEIPT: failed(e); break;
                case TICK: tick(); break;
                case DEAD_LETTER: deadLetter(e); break;
                case HAND_BACK: handBack(e); break;
                case DEAD_LETTERS_REPLAY: case DEAD_LETTERS_PURGE: settle(e); break;
                case RECEIPT_LOOKED_UP: lookedUp(e); break;
                case SCHEDULED_COPY: copy(e); break;
                default: break;
            }
        } catch (RuntimeException ex) {
            onError(e, ex);
        } finally {
            e.clear();
        }
        if (endOfBatch) {
            if (force != null) {
                // before any answer of the batch is handed to a session: a flush of its connection for any other
                // reason would otherwise put it on the wire ahead of the force
                boolean durable = force.forceWritten(inbound, outbound, scheduled, deadLetterFiles, correlationsFile);
                held.release(durable, listener);
            }
            for (int i = 0; i < touchedCount; i++) {
                touched[i].flush();
                touched[i] = null;
            }
            touchedCount = 0;
        }
    }

    /**
     * A write failed (disk full, corrupt or closed queue): keep the thread alive, answer what has an answer, and finish
     * what the dispatcher waits for. A carrier answer or a failed receipt still completes its message: what is lost is
     * its correlation (its carrier receipt will not be matched, so the tenant gets none) or its failed receipt. The
     * alternative is worse: left uncompleted it is in no retry list, so it would sit in flight until a restart sends it
     * to a carrier again, hold its queue's committed position (no file after it deleted) and, 8,192 messages later,
     * stop its tenant's lane. Counted in edge_journal_errors_total and logged once a minute per event kind and tenant.
     */
    private void onError(JournalEvent e, RuntimeException ex) {
        errors[e.kind.ordinal()].increment();
        String who = e.tenantId != null ? e.tenantId : e.submit != null ? e.submit.tenantId()
                : e.copy != null ? e.copy.tenantId() : e.carrierId;
        if (errorLog.allow(e.kind.name() + '|' + who)) {
            LOG.error("journal could not handle {} for {}{} (counted in edge_journal_errors_total; logged once a "
                    + "minute per kind and tenant): {}", e.kind, who,
                    e.submit != null ? " message " + e.submit.gatewayMessageId() + ", completed without it" : "",
                    ex.toString());
        }
        if (e.ack != null) {
            rejected(e.ack, e.seq, SmppStatus.ESME_RSYSERR);
            touched(e.ack);
        }
        switch (e.kind) {
            case CARRIER_RESPONSE, FAILED_RECEIPT -> journaled(e.submit);
            case DEAD_LETTER, HAND_BACK -> afterForce(deadLettered(e.tenantDelivery, false));
            case SCHEDULED_COPY -> {
                ScheduledCopy c = e.copy;
                afterForce(() -> listener.copied(c, false)); // the mover tries it again
            }
            case DEAD_LETTERS_REPLAY, DEAD_LETTERS_PURGE -> {
                CompletableFuture<DeadLetterQueue.Settled> settled = e.settled;
                afterForce(() -> settled.completeExceptionally(ex));
            }
            default -> { }
        }
    }

    /** Appends a delivery the tenant refused too often to its dead-letter queue; the dispatcher then completes it. */
    private void deadLetter(JournalEvent e) {
        TenantQueues t = tenants.get(e.tenantId);
        TenantDelivery d = e.tenantDelivery;
        t.deadLetters().append(System.currentTimeMillis(), e.attempts, e.status, d.receiptedMessageId(),
                d.messageState(), d.message());
        if (force != null) {
            force.deadLettersWritten(t.index());
        }
        // the dispatcher then completes the delivery in the outbound queue: only once the letter is as durable
        afterForce(deadLettered(d, true));
    }

    /** Appends a delivery relayed here to its tenant's outbound queue, to be forwarded again; then as a dead letter. */
    private void handBack(JournalEvent e) {
        TenantDelivery d = e.tenantDelivery;
        appendToTenant(e.tenantId, d.receiptedMessageId(), d.messageState(), d.message());
        afterForce(deadLettered(d, true));
    }

    private Runnable deadLettered(TenantDelivery d, boolean onDisk) {
        return () -> listener.deadLettered(d, onDisk);
    }

    private void settle(JournalEvent e) {
        TenantQueues t = tenants.get(e.tenantId);
        DeadLetterQueue q = t.deadLetters();
        DeadLetterQueue.Settled done = e.kind == JournalEvent.Kind.DEAD_LETTERS_REPLAY
                ? q.replay(e.upTo, MAX_SETTLED_PER_CALL, (id, state, m) -> appendToTenant(t.tenantId(), id, state, m))
                : q.purge(e.upTo, MAX_SETTLED_PER_CALL);
        CompletableFuture<DeadLetterQueue.Settled> settled = e.settled;
        afterForce(() -> settled.complete(done)); // the operator is told once what was replayed is as durable
    }

    private void tick() {
        receipts.onTick(System.nanoTime());
        correlations.expire();
    }

    private void lookedUp(JournalEvent e) {
        receipts.onLookedUp(e.lookup, e.correlation, e.correlationIndex, System.nanoTime());
        touched(e.ack);
    }

    private void submit(JournalEvent e) {
        TenantQueues t = tenants.get(e.tenantId);
        if (t == null) {
            rejected(e.ack, e.seq, SmppStatus.ESME_RSYSERR);
            touched(e.ack);
            return;
        }
        long now = System.currentTimeMillis();
        long id = ids.next(now);
        // not due yet: it waits in the scheduled queue, where nothing reads it for the carriers before it is due
        boolean later = e.dueMillis != 0 && e.dueMillis - now > 0;
        int bytes;
        try (DocumentContext dc = (later ? scheduled : inbound)[t.index()].writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            long start = b.writePosition();
            try {
                QueueRecords.writeSubmit(b, id, now, e.validUntilMillis, e.dueMillis, e.message);
            } catch (RuntimeException ex) {
                dc.rollbackOnClose(); // no half-written record: the tenant is told it was not taken
                throw ex;
            }
            bytes = (int) (b.writePosition() - start);
        }
        if (later) {
            t.scheduledDepth().appended(bytes);
        } else {
            t.inboundDepth().appended(bytes);
        }
        if (force != null) {
            if (later) {
                force.scheduledWritten(t.index());
            } else {
                force.inboundWritten(t.index());
            }
        }
        acceptedByTenant[t.index()].increment();
        accepted(e.ack, e.seq, MessageIds.render(id), SmppStatus.ESME_RSYSERR);
        touched(e.ack);
    }

    /**
     * A scheduled submit copied as accepted, marked {@link QueueRecords#VERSION_MOVED}: into the inbound queue (due
     * now) or to the scheduled queue's tail; the dispatcher is told once the copy is as durable as an acknowledgement.
     */
    private void copy(JournalEvent e) {
        ScheduledCopy c = e.copy;
        TenantQueues t = tenants.get(c.tenantId());
        boolean toInbound = c.toInbound();
        int bytes;
        try (DocumentContext dc = (toInbound ? inbound : scheduled)[t.index()].writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            long start = b.writePosition();
            try {
                QueueRecords.writeMoved(b, c.gatewayId(), c.acceptedMillis(), c.validUntilMillis(), c.dueMillis(),
                        c.message());
            } catch (RuntimeException ex) {
                dc.rollbackOnClose();
                throw ex;
            }
            bytes = (int) (b.writePosition() - start);
        }
        (toInbound ? t.inboundDepth() : t.scheduledDepth()).appended(bytes);
        if (force != null) {
            if (toInbound) {
                force.inboundWritten(t.index());
            } else {
                force.scheduledWritten(t.index());
            }
            held.copied(c);
        } else {
            listener.copied(c, true);
        }
    }

    private void response(JournalEvent e) {
        String[] parts = e.carrierPartIds;
        byte registered = e.submit.message().registeredDelivery();
        if (parts == null) {
            correlations.record(e.carrierId, e.carrierMessageId,
                    new Correlation(e.submit.tenantId(), e.gatewayId, registered));
        } else { // sent split: each part's id leads to the message, whose one receipt waits for them all
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] != null) {
                    correlations.record(e.carrierId, parts[i],
                            new Correlation(e.submit.tenantId(), e.gatewayId, registered, parts.length, i + 1));
                }
            }
            receipts.expectParts(e.gatewayId, parts.length);
        }
        if (force != null) {
            force.correlationsWritten();
        }
        journaled(e.submit);
    }

    private void failed(JournalEvent e) {
        receipts.failedReceipt(e.submit.tenantId(), e.gatewayId, e.acceptedMillis, e.submit.message(), e.stat, e.status);
        journaled(e.submit);
    }

    private void delivery(JournalEvent e) {
        if ((e.delivery.message().esmClass() & SmppStatus.ESM_CLASS_TYPE_MASK) != SmppStatus.ESM_CLASS_DELIVERY_RECEIPT) {
            mobileOriginated(e);
        } else {
            // the correlator may park the receipt and answer it on a later tick: it keeps the holding sink
            AckSink ack = held == null ? e.ack : new HeldAnswers.Held(e.ack, held, SmppStatus.ESME_RX_T_APPN);
            receipts.onDelivery(e.carrierId, e.delivery, ack, e.seq, System.nanoTime());
        }
        touched(e.ack);
    }

    /**
     * MO: to the tenant owning the longest matching number prefix, into its outbound queue, and only then
     * acknowledged to the carrier. A number nobody owns is refused with "invalid destination" rather than
     * accepted and dropped.
     */
    private void mobileOriginated(JournalEvent e) {
        ShortMessage m = e.delivery.message();
        String owner = numberOwners.lookup(m.destAddr());
        if (owner == null) {
            moUnowned.increment();
            if (unownedWarnDue()) {
                LOG.warn("carrier {}: MO to {} which no tenant owns; refused ESME_RINVDSTADR (logged once a minute)",
                        e.carrierId, m.destAddr());
            }
            rejected(e.ack, e.seq, SmppStatus.ESME_RINVDSTADR);
            return;
        }
        appendToTenant(owner, null, -1, m);
        accepted(e.ack, e.seq, null, SmppStatus.ESME_RX_T_APPN);
    }

    private boolean unownedWarnDue() {
        long now = System.nanoTime();
        if (now - lastUnownedWarn >= 60_000_000_000L) {
            lastUnownedWarn = now;
            return true;
        }
        return false;
    }

    @Override
    public void receipted(String carrierId, String tenantId, String number, boolean delivered) {
        listener.receipted(carrierId, tenantId, number, delivered);
    }

    @Override
    public void appendToTenant(String tenantId, String receiptedMessageId, int messageState, ShortMessage message) {
        TenantQueues t = tenants.get(tenantId);
        if (t == null) {
            LOG.warn("receipt for tenant {} no longer configured; dropped", tenantId);
            return;
        }
        int bytes;
        try (DocumentContext dc = outbound[t.index()].writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            long start = b.writePosition();
            try {
                QueueRecords.writeDelivery(b, receiptedMessageId, messageState, message);
            } catch (RuntimeException ex) {
                dc.rollbackOnClose();
                throw ex;
            }
            bytes = (int) (b.writePosition() - start);
        }
        t.journaledDepth().appended(bytes);
        if (force != null) {
            force.outboundWritten(t.index());
        }
    }

    /** @param statusIfNotDurable what the peer is answered instead when the batch cannot be forced */
    private void accepted(AckSink ack, int seq, String messageId, int statusIfNotDurable) {
        if (held != null) {
            held.accepted(ack, seq, messageId, statusIfNotDurable);
        } else {
            ack.accepted(seq, messageId);
        }
    }

    private void rejected(AckSink ack, int seq, int status) {
        if (held != null) {
            held.rejected(ack, seq, status);
        } else {
            ack.rejected(seq, status);
        }
    }

    private void journaled(OutboundSubmit submit) {
        if (held != null) {
            held.journaled(submit);
        } else {
            listener.journaled(submit);
        }
    }

    /** Runs now, or with {@code storage.sync: batch} once the batch is forced (for the rare answers: dead letters). */
    private void afterForce(Runnable answer) {
        if (held != null) {
            held.later(answer);
        } else {
            answer.run();
        }
    }

    @Override
    public void touched(AckSink ack) {
        if (ack instanceof HeldAnswers.Held h) {
            ack = h.session; // the session is what the end of the batch flushes
        }
        for (int i = 0; i < touchedCount; i++) {
            if (touched[i] == ack) {
                return;
            }
        }
        if (touchedCount == touched.length) {
            touched = java.util.Arrays.copyOf(touched, touched.length * 2);
        }
        touched[touchedCount++] = ack;
    }
}
