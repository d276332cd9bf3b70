package io.edgegw.core.dispatch;

import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.pipeline.JournalFeed;
import io.edgegw.core.spi.TenantReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The way back: receipts and MO from each tenant's outbound queue to its receiver binds with window space, taking
 * turns among them and keeping each tenant's order; what a tenant refuses or leaves unanswered is offered again by
 * {@link DeliveryRetries}, up to its dead-letter queue. A delivery is completed only once the tenant said ESME_ROK
 * or it is in the dead-letter queue on disk. Dispatcher thread only.
 */
final class DeliveryPump {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryPump.class);
    /** Most deliveries offered to one tenant per round, so every tenant is served in turn. */
    static final int PER_TENANT_ROUND = 64;

    private final TenantLane[] lanes;
    private final Map<String, TenantLane> lanesById = new HashMap<>();
    private final DeliveryRetries retries;
    private final Touched<TenantReceiver> touched = new Touched<>();
    /** deliver_sm offered to tenant receivers and not yet reported back. */
    private int inFlight;
    /** The last round found a tenant's receivers without room (which may come back with no report, as writability). */
    private boolean heldBack;

    DeliveryPump(TenantLane[] lanes, JournalFeed journal) {
        this.lanes = lanes;
        this.retries = new DeliveryRetries(journal);
        for (TenantLane lane : lanes) {
            lanesById.put(lane.tenantId(), lane);
        }
    }

    /**
     * How long a tenant fed from its Redis stream may have no receiver bound here before what was relayed here for it
     * goes back to the stream: its binds went to other instances (this one was restarted, or the tenant reconnected
     * through the balancer), and what waits here would otherwise wait until the tenant happened to bind here again.
     */
    static final long HAND_BACK_AFTER_NANOS = 5_000_000_000L;

    /** Offers what each tenant's receivers have room for; returns how many went. */
    int deliver(long now) {
        int work = 0;
        heldBack = false;
        for (TenantLane lane : lanes) {
            if (lane.receivers.isEmpty()) {
                work += lane.handsBack ? handBack(lane, now) : 0;
                continue;
            }
            lane.unreceivedSince = TenantLane.RECEIVED;
            for (int k = 0; k < PER_TENANT_ROUND && !lane.receivers.isEmpty(); k++) {
                TenantReceiver r = lane.receiver();
                if (r == null) {
                    heldBack = true; // no room: a window full, or a channel that stopped taking writes
                    break;
                }
                PendingDelivery d = lane.redeliveries.peekFirst();
                if (d != null && now - d.notBefore >= 0) {
                    lane.redeliveries.pollFirst();
                } else {
                    d = lane.nextDelivery();
                    if (d == null) {
                        break;
                    }
                }
                if (!r.offer(d)) {
                    lane.redeliveries.addFirst(d);
                    break;
                }
                inFlight++;
                work++;
                touched.add(r);
            }
        }
        touched.flushAll(TenantReceiver::flush);
        return work;
    }

    /**
     * Hands back what was relayed here for a tenant that has had no receiver bound here for
     * {@link #HAND_BACK_AFTER_NANOS}: each delivery is appended to the tenant's outbound queue by the journal (and so
     * forwarded to its stream again), and completed here once that append is as durable. Returns how many went.
     */
    private int handBack(TenantLane lane, long now) {
        if (lane.unreceivedSince == TenantLane.RECEIVED) {
            lane.unreceivedSince = now;
            return 0;
        }
        if (now - lane.unreceivedSince < HAND_BACK_AFTER_NANOS) {
            return 0;
        }
        int n = 0;
        while (n < PER_TENANT_ROUND) {
            PendingDelivery d = lane.redeliveries.pollFirst();
            if (d == null && (d = lane.nextDelivery()) == null) {
                break;
            }
            if (!retries.handBack(d)) {
                lane.redeliveries.addFirst(d);
                heldBack = true; // the ring is full: again shortly
                break;
            }
            n++;
        }
        return n;
    }

    /** The tenant answered a delivery (or did not): ESME_ROK completes it, anything else is a refusal. */
    void answered(DispatcherEvent.DeliveryAnswer a, long now) {
        inFlight--;
        PendingDelivery d = a.delivery();
        if (a.status() == SmppStatus.ESME_ROK) {
            d.lane.outbound.complete(d.ticket);
        } else {
            retries.refused(d, a.status(), a.receiver(), now);
        }
    }

    /** The journal kept a delivery in its tenant's dead-letter queue, or could not. */
    void deadLettered(DispatcherEvent.DeadLettered d, long now) {
        retries.deadLettered(d.delivery(), d.onDisk(), now);
    }

    /** A receiver bound ({@code add}) or gone. */
    void register(TenantReceiver receiver, boolean add) {
        TenantLane lane = lanesById.get(receiver.tenantId());
        if (lane == null) {
            LOG.warn("receiver {} is for tenant {} which is not configured; ignored", receiver.name(),
                    receiver.tenantId());
        } else if (add) {
            if (!lane.receivers.contains(receiver)) {
                lane.receivers.add(receiver);
            }
        } else {
            lane.receivers.remove(receiver);
        }
    }

    /** Publishes the dead letters the ring had no room for; how many went. */
    int publishAwaiting() {
        return retries.publishAwaiting();
    }

    /** Nothing waits for time to pass: no receiver was found without room, no dead letter waits for the ring. */
    boolean quiet() {
        return !heldBack && retries.nothingAwaitingRing();
    }

    /** deliver_sm at tenants not answered yet. */
    int inFlight() {
        return inFlight;
    }
}
