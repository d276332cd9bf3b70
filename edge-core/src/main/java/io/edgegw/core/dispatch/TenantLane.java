package io.edgegw.core.dispatch;

import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.queue.QueueCursor;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.spi.TenantReceiver;
import io.micrometer.core.instrument.Counter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dispatcher holds for one tenant: the cursor over its inbound queue with the messages waiting for a
 * retry, and the cursor over its outbound queue with the deliveries to offer again and the receivers bound now.
 * Dispatcher thread only.
 */
final class TenantLane implements AutoCloseable {
    /** Most messages of one tenant between its queue and the carriers at once. */
    static final int MAX_IN_FLIGHT = 8192;

    private final TenantQueues queues;
    final QueueCursor inbound;
    final QueueCursor outbound;
    /** Its scheduled queue's mover; set once the lanes are wired to the journal (null in tests without one). */
    ScheduledLane scheduled;
    final ArrayDeque<InFlightSubmit> retries = new ArrayDeque<>();
    final ArrayDeque<PendingDelivery> redeliveries = new ArrayDeque<>();
    final List<TenantReceiver> receivers = new ArrayList<>();
    int nextReceiver;
    /** Draining weight from the configuration, at least 1. */
    final int weight;
    /** When its messages toward carriers are given up. */
    final SubmitLimits limits;
    /** Offers of one delivery to it before the delivery goes to its dead-letter queue. */
    final int maxDeliveryAttempts;
    /** Deliveries moved to its dead-letter queue. */
    final Counter deadLettered;
    /** Its messages offered to carrier binds and not yet answered (window slots it holds). */
    int carrierInFlight;
    /** When it last offered a message to a carrier. */
    long lastSentNanos = Long.MIN_VALUE / 2;
    /** Paused by an operator: its messages wait in its queue; receipts and MO still reach it. */
    volatile boolean paused;
    /** Set within one dispatch call once it can send nothing more (empty queue or no carrier room). */
    boolean blocked;
    /** Smooth weighted round robin state deciding which lane leads a round. */
    int lead;
    /** What the tenant means by data_coding 0; its submits tell the carrier binds (OutboundSubmit.smscDefault). */
    final Alphabet smscDefault;
    /** Its deliveries come relayed from its Redis stream: ones left here with no receiver go back there. */
    final boolean handsBack;
    /** Since when it has had no receiver bound ({@link System#nanoTime()}); {@link #RECEIVED} while it has one. */
    long unreceivedSince = RECEIVED;
    static final long RECEIVED = Long.MIN_VALUE;
    /** Deliveries handed back to its stream ({@code edge_tenant_handed_back_total}); null when it hands none back. */
    Counter handedBack;
    /** Read by the metrics gauge from the scrape thread; a stale value is fine there. */
    volatile int inFlightGauge;
    /** Accepted time (epoch ms) of its oldest message read and not finished; 0 = none. For the scrape thread. */
    volatile long oldestGauge;

    TenantLane(TenantQueues queues, int weight, SubmitLimits limits, int maxDeliveryAttempts, Counter deadLettered) {
        this(queues, weight, limits, maxDeliveryAttempts, deadLettered, Alphabet.GSM7);
    }

    /** @param smscDefault what the tenant means by data_coding 0 ({@code tenants[].defaultAlphabet}) */
    TenantLane(TenantQueues queues, int weight, SubmitLimits limits, int maxDeliveryAttempts, Counter deadLettered,
               Alphabet smscDefault) {
        this.queues = queues;
        this.smscDefault = smscDefault;
        this.weight = Math.max(1, weight);
        this.limits = limits;
        this.maxDeliveryAttempts = maxDeliveryAttempts;
        this.deadLettered = deadLettered;
        this.inbound = new QueueCursor(queues.inbound(), queues.inboundPositionFile(), MAX_IN_FLIGHT,
                queues.inboundDepth());
        this.handsBack = queues.relayed() != null;
        this.outbound = new QueueCursor(queues.deliveries(), queues.deliveriesPositionFile(), MAX_IN_FLIGHT,
                queues.outboundDepth());
    }

    /** A lane for a configured tenant, its counters registered; {@code warnings} is shared by all lanes. */
    static TenantLane of(TenantQueues queues, TenantConfig config, GatewayMetrics metrics, OncePerMinute warnings) {
        String id = queues.tenantId();
        SubmitLimits limits = new SubmitLimits(id, config.limits(),
                metrics.tenantCounter("edge_tenant_submits_expired", id,
                        "messages ended past maxMessageAgeSeconds or their validity_period"),
                metrics.tenantCounter("edge_tenant_submits_attempts_exhausted", id,
                        "messages ended after maxSubmitAttempts offers to carriers"), warnings);
        TenantLane lane = new TenantLane(queues, config.weight(), limits, config.limits().maxDeliveryAttempts(),
                metrics.tenantCounter("edge_tenant_dead_letters", id,
                        "receipts and MO moved to the dead-letter queue after maxDeliveryAttempts"),
                config.defaultAlphabet());
        if (lane.handsBack) {
            lane.handedBack = metrics.tenantCounter("edge_tenant_handed_back", id,
                    "receipts and MO relayed to this instance and sent back to the tenant's Redis stream, no receiver "
                            + "of the tenant being bound here");
        }
        return lane;
    }

    String tenantId() {
        return queues.tenantId();
    }

    long inboundDepth() {
        return queues.inboundDepth().depth();
    }

    long scheduledDepth() {
        return queues.scheduledDepth().depth();
    }

    long outboundDepth() {
        return queues.outboundDepth().depth();
    }

    void open() {
        inbound.open();
        outbound.open();
        if (scheduled != null) {
            scheduled.open();
        }
    }

    /** Reused by {@link #submitDecoder}: dispatcher thread only. */
    private final QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
    /** Made once: a capturing lambda per read would allocate on every message. */
    private final QueueCursor.Decoder<InFlightSubmit> submitDecoder = (in, ticket) -> {
            QueueRecords.readSubmitHead(in, head);
            ShortMessage m = QueueRecords.readMessage(in, head.sar);
            // scheduled: here once due (moved from the scheduled queue, or due already when accepted); its age counts
            // from its due time
            long accepted = head.acceptedMillis;
            long ageFrom = head.dueMillis - accepted > 0 ? head.dueMillis : accepted;
            stamp(ticket, ageFrom);
            InFlightSubmit s = new InFlightSubmit(this, ticket, head.gatewayId, MessageIds.render(head.gatewayId),
                    accepted, head.validUntilMillis, m);
            s.ageFromMillis = ageFrom;
            return s;
    };
    private final QueueCursor.Decoder<PendingDelivery> deliveryDecoder = (in, ticket) -> {
            QueueRecords.checkVersion(in);
            String receipted = QueueRecords.readString(in);
            int state = in.readInt();
            return new PendingDelivery(this, ticket, receipted, state, QueueRecords.readMessage(in));
    };

    private void stamp(long ticket, long acceptedMillis) {
        inbound.stamp(ticket, acceptedMillis);
    }

    InFlightSubmit nextSubmit() {
        return inbound.next(submitDecoder);
    }

    PendingDelivery nextDelivery() {
        return outbound.next(deliveryDecoder);
    }

    /** A receiver with a free window slot, taking turns among them; null if none. */
    TenantReceiver receiver() {
        int n = receivers.size();
        for (int i = 0; i < n; i++) {
            TenantReceiver r = receivers.get((nextReceiver + i) % n);
            if (r.availableWindow() > 0) {
                nextReceiver = (nextReceiver + i + 1) % n;
                return r;
            }
        }
        return null;
    }

    @Override
    public void close() {
        inbound.close();
        outbound.close();
        if (scheduled != null) {
            scheduled.close();
        }
    }
}
