package io.edgegw.core.dispatch;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.pipeline.JournalListener;
import io.edgegw.core.pipeline.ScheduledCopy;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.TenantReceiver;
import io.edgegw.core.spi.TenantReceiverListener;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What binds, receivers, the journal and operators tell the dispatcher, from their own threads: recorded as a
 * {@link DispatcherEvent} and handed over, never acted on here. A {@link ConcurrentLinkedQueue} carries it:
 * lock-free, multi-producer and unbounded, so an I/O thread never has to fail or wait to report an outcome (their
 * number is bounded anyway by the windows in flight). The cost is one small event and one queue node per outcome;
 * JCTools is not on the classpath, and a second ring would need a policy for "full" that has no good answer for an
 * outcome that must not be lost (measured, the queue's offers are about 1.6% of the gateway's samples under load).
 * Every event added, and every batch the journal wrote to the tenants' queues, rings the {@link Doorbell}, which
 * wakes the dispatcher only when it announced a sleep. Made before the journal (which reports here), so nothing
 * needs the dispatcher before it exists; carrier binds report through {@link CarrierReports}.
 */
public final class Inbox implements TenantReceiverListener, JournalListener {
    /** Not an SMPP status (those are non-negative): marks "no answer at all". */
    static final int UNANSWERED = -1;

    private final ConcurrentLinkedQueue<DispatcherEvent> events = new ConcurrentLinkedQueue<>();
    /** Wakes the dispatcher when it sleeps; rung after every event added and every batch the journal wrote. */
    final Doorbell doorbell = new Doorbell();
    /** Batches the journal thread finished (its only writer): the dispatcher compares it before sleeping. */
    private final AtomicLong journalBatches = new AtomicLong();

    DispatcherEvent poll() {
        return events.poll();
    }

    /** Nothing waits to be applied. */
    boolean isEmpty() {
        return events.isEmpty();
    }

    /**
     * The journal thread ended a batch: what it appended to the tenants' queues (messages toward carriers, receipts
     * and MO toward tenants) is there to read, so a sleeping dispatcher is woken. One atomic add per batch: the
     * tenant streams' thread (cluster.redis) calls it too, and a lost increment could leave the count at the value
     * the dispatcher read before it sleeps.
     */
    public void batchJournaled() {
        journalBatches.incrementAndGet();
        doorbell.ring();
    }

    /** How many batches the journal finished: read before a round's reads of the queues, compared before a sleep. */
    long journalBatches() {
        return journalBatches.get();
    }

    private void add(DispatcherEvent e) {
        events.add(e);
        doorbell.ring();
    }

    public void register(CarrierBind bind) {
        add(new DispatcherEvent.BindRegistration(bind, true));
    }

    public void unregister(CarrierBind bind) {
        add(new DispatcherEvent.BindRegistration(bind, false));
    }

    public void register(TenantReceiver receiver) {
        add(new DispatcherEvent.ReceiverRegistration(receiver, true));
    }

    public void unregister(TenantReceiver receiver) {
        add(new DispatcherEvent.ReceiverRegistration(receiver, false));
    }

    /** A carrier's answer to {@code submit}, or {@link #UNANSWERED}; see {@link CarrierReports}. */
    void submitAnswered(CarrierBind bind, OutboundSubmit submit, int status, String carrierMessageId) {
        submitAnswered(bind, submit, status, carrierMessageId, null);
    }

    /** As above; {@code partIds} the carrier's id of each part of a message the bind sent split, else null. */
    void submitAnswered(CarrierBind bind, OutboundSubmit submit, int status, String carrierMessageId,
                        String[] partIds) {
        add(new DispatcherEvent.SubmitAnswer(bind, (InFlightSubmit) submit, status, carrierMessageId, partIds));
    }

    @Override
    public void deliveryResponded(TenantReceiver receiver, TenantDelivery delivery, int commandStatus) {
        add(new DispatcherEvent.DeliveryAnswer((PendingDelivery) delivery, commandStatus, receiver.name()));
    }

    @Override
    public void deliveryUnanswered(TenantReceiver receiver, TenantDelivery delivery) {
        add(new DispatcherEvent.DeliveryAnswer((PendingDelivery) delivery, UNANSWERED, receiver.name()));
    }

    @Override
    public void journaled(OutboundSubmit submit) {
        add((InFlightSubmit) submit);
    }

    @Override
    public void receipted(String carrierId, String tenantId, String number, boolean delivered) {
        add(new DispatcherEvent.ReceiptVerdict(carrierId, tenantId, number, delivered));
    }

    @Override
    public void deadLettered(TenantDelivery delivery, boolean onDisk) {
        add(new DispatcherEvent.DeadLettered((PendingDelivery) delivery, onDisk));
    }

    @Override
    public void copied(ScheduledCopy copy, boolean onDisk) {
        ScheduledMove m = (ScheduledMove) copy;
        m.onDisk = onDisk;
        add(m);
    }

    void command(Runnable action) {
        add(new DispatcherEvent.Command(action));
    }
}
