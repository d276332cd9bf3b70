package io.edgegw.core.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.edgegw.core.config.PipelineConfig;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.queue.DeadLetterQueue;
import io.edgegw.core.queue.DiskGuard;
import io.edgegw.core.receipt.Correlation;
import io.edgegw.core.receipt.ReceiptLookup;
import io.edgegw.core.spi.AckSink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import com.lmax.disruptor.TimeoutException;

/**
 * The multi-producer Disruptor ring in front of the {@link Journal}. Every publish claims a slot with
 * {@code tryNext} and fills it in place: nothing is allocated and nobody waits; a full ring is reported to the
 * caller, who answers its peer "try later".
 */
public final class Ring implements JournalFeed {
    private final Disruptor<JournalEvent> disruptor;
    private final RingBuffer<JournalEvent> ring;
    private final DiskGuard disk;

    public Ring(PipelineConfig config, Journal journal, DiskGuard disk) {
        this(config, journal, disk, () -> { });
    }

    /** @param afterBatch run on the journal thread after each batch it handled (wakes the queues' reader) */
    public Ring(PipelineConfig config, Journal journal, DiskGuard disk, Runnable afterBatch) {
        this.disk = disk;
        disruptor = new Disruptor<>(JournalEvent::new, config.ringSize(),
                r -> {
                    Thread t = new Thread(r, "edge-journal");
                    t.setDaemon(true);
                    return t;
                }, ProducerType.MULTI, waitStrategy(config.waitStrategy()));
        disruptor.handleEventsWith(new AfterBatch<>(journal, afterBatch));
        ring = disruptor.getRingBuffer();
    }

    private static WaitStrategy waitStrategy(String name) {
        switch (name) {
            case "sleeping": return new SleepingWaitStrategy();
            case "yielding": return new YieldingWaitStrategy();
            case "busyspin": return new BusySpinWaitStrategy();
            default: return new BlockingWaitStrategy();
        }
    }

    public void start() {
        disruptor.start();
    }

    /** Lets everything already published be journaled, then stops the journal thread. */
    public void close() {
        try {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            disruptor.halt();
        }
    }

    private long claim() {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException e) {
            return -1;
        }
    }

    /**
     * Publishes a tenant submit; false when the disk guard or a full ring refuses it (nothing was taken).
     *
     * @param validUntilMillis when the message's own validity ends (epoch ms), 0 for none
     */
    public boolean submit(String tenantId, ShortMessage message, long validUntilMillis, AckSink ack,
                          int sequenceNumber) {
        return submit(tenantId, message, validUntilMillis, 0, ack, sequenceNumber);
    }

    /** As above, with the message's schedule_delivery_time (epoch ms), 0 for none. */
    public boolean submit(String tenantId, ShortMessage message, long validUntilMillis, long dueMillis, AckSink ack,
                          int sequenceNumber) {
        if (disk.isFull()) {
            return false; // the connector answers ESME_RMSGQFUL
        }
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = JournalEvent.Kind.TENANT_SUBMIT;
        e.tenantId = tenantId;
        e.message = message;
        e.validUntilMillis = validUntilMillis;
        e.dueMillis = dueMillis;
        e.ack = ack;
        e.seq = sequenceNumber;
        ring.publish(s);
        return true;
    }

    @Override
    public boolean carrierResponse(OutboundSubmit submit, long gatewayId, String carrierId, String carrierMessageId) {
        return carrierResponse(submit, gatewayId, carrierId, carrierMessageId, null);
    }

    @Override
    public boolean carrierResponse(OutboundSubmit submit, long gatewayId, String carrierId, String carrierMessageId,
                                   String[] partIds) {
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = JournalEvent.Kind.CARRIER_RESPONSE;
        e.submit = submit;
        e.gatewayId = gatewayId;
        e.carrierId = carrierId;
        e.carrierMessageId = carrierMessageId;
        e.carrierPartIds = partIds;
        ring.publish(s);
        return true;
    }

    public boolean carrierDelivery(String carrierId, CarrierDelivery delivery, AckSink ack, int sequenceNumber) {
        if (disk.isFull()) {
            return false; // the connector answers ESME_RX_T_APPN: the carrier keeps the receipt and retries
        }
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = JournalEvent.Kind.CARRIER_DELIVERY;
        e.carrierId = carrierId;
        e.delivery = delivery;
        e.ack = ack;
        e.seq = sequenceNumber;
        ring.publish(s);
        return true;
    }

    @Override
    public boolean failedReceipt(OutboundSubmit submit, long gatewayId, long acceptedMillis, String stat, int status) {
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = JournalEvent.Kind.FAILED_RECEIPT;
        e.submit = submit;
        e.gatewayId = gatewayId;
        e.acceptedMillis = acceptedMillis;
        e.stat = stat;
        e.status = status;
        ring.publish(s);
        return true;
    }

    /** A delivery its tenant refused {@code attempts} times, last with {@code lastStatus} (-1: no answer). */
    @Override
    public boolean deadLetter(TenantDelivery delivery, int attempts, int lastStatus) {
        return publishDelivery(JournalEvent.Kind.DEAD_LETTER, delivery, attempts, lastStatus);
    }

    @Override
    public boolean handBack(TenantDelivery delivery) {
        return publishDelivery(JournalEvent.Kind.HAND_BACK, delivery, 0, 0);
    }

    private boolean publishDelivery(JournalEvent.Kind kind, TenantDelivery delivery, int attempts, int status) {
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = kind;
        e.tenantId = delivery.tenantId();
        e.tenantDelivery = delivery;
        e.attempts = attempts;
        e.status = status;
        ring.publish(s);
        return true;
    }

    /**
     * An operator's replay ({@code replay}) or purge of a tenant's dead letters up to index {@code upTo}; the journal
     * completes {@code done}. False when the ring has no room now.
     */
    public boolean deadLetters(boolean replay, String tenantId, long upTo,
                               CompletableFuture<DeadLetterQueue.Settled> done) {
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = replay ? JournalEvent.Kind.DEAD_LETTERS_REPLAY : JournalEvent.Kind.DEAD_LETTERS_PURGE;
        e.tenantId = tenantId;
        e.upTo = upTo;
        e.settled = done;
        ring.publish(s);
        return true;
    }

    /** The on-disk index's answer for a receipt ({@code found} null when absent); false when the ring is full. */
    public boolean receiptLookedUp(ReceiptLookup lookup, Correlation found, long journalIndex) {
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = JournalEvent.Kind.RECEIPT_LOOKED_UP;
        e.lookup = lookup;
        e.correlation = found;
        e.correlationIndex = journalIndex;
        e.carrierId = lookup.carrierId();
        e.ack = lookup.ack();
        e.seq = lookup.seq();
        ring.publish(s);
        return true;
    }

    @Override
    public boolean copy(ScheduledCopy copy) {
        long s = claim();
        if (s < 0) {
            return false;
        }
        JournalEvent e = ring.get(s);
        e.kind = JournalEvent.Kind.SCHEDULED_COPY;
        e.copy = copy;
        ring.publish(s);
        return true;
    }

    @Override
    public boolean tick() {
        long s = claim();
        if (s < 0) {
            return false;
        }
        ring.get(s).kind = JournalEvent.Kind.TICK;
        ring.publish(s);
        return true;
    }
}
