package io.edgegw.core.dispatch;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.pipeline.JournalFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;

/**
 * Receipts and MO a tenant refused (any deliver_sm_resp but ESME_ROK) or left unanswered: offered again after a pause
 * growing with each attempt, up to the tenant's {@code maxDeliveryAttempts}; then moved to its dead-letter queue by
 * the journal, and completed in the outbound queue only once the dead letter is on disk. So no delivery holds its
 * tenant's committed position for ever, and none is lost. Dispatcher thread only.
 */
final class DeliveryRetries {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRetries.class);
    private static final long BACKOFF_NANOS = 1_000_000_000L;
    private static final long MAX_BACKOFF_NANOS = 60_000_000_000L;

    private final JournalFeed journal;
    /** Dead letters the ring had no room for; published again next round. Bounded by the lanes' in-flight limit. */
    private final ArrayDeque<PendingDelivery> awaitingRing = new ArrayDeque<>();
    private final OncePerMinute warnings = new OncePerMinute();

    DeliveryRetries(JournalFeed journal) {
        this.journal = journal;
    }

    /** The tenant's bind {@code receiver} answered {@code status} (not ESME_ROK), or {@link Inbox#UNANSWERED}. */
    void refused(PendingDelivery d, int status, String receiver, long now) {
        d.lastStatus = status;
        d.lastReceiver = receiver;
        if (++d.attempts >= d.lane.maxDeliveryAttempts) {
            if (!journal.deadLetter(d, d.attempts, d.lastStatus)) {
                awaitingRing.add(d);
            }
            return;
        }
        // one that did not answer already took its window timeout; one that refused gets a pause, longer each time
        d.notBefore = status == Inbox.UNANSWERED ? now : now + Math.min(MAX_BACKOFF_NANOS, BACKOFF_NANOS * d.attempts);
        d.lane.redeliveries.addFirst(d);
    }

    /** Publishes a hand-back to the journal; false when the ring has no room now (the caller keeps it). */
    boolean handBack(PendingDelivery d) {
        if (!journal.handBack(d)) {
            return false;
        }
        d.handingBack = true;
        return true;
    }

    /** No dead letter waits for room in the ring. */
    boolean nothingAwaitingRing() {
        return awaitingRing.isEmpty();
    }

    int publishAwaiting() {
        int n = 0;
        while (!awaitingRing.isEmpty()) {
            PendingDelivery d = awaitingRing.peek();
            if (!journal.deadLetter(d, d.attempts, d.lastStatus)) {
                break;
            }
            awaitingRing.poll();
            n++;
        }
        return n;
    }

    /** The journal kept it in the dead-letter queue, or could not (then it stays to be offered again, later). */
    void deadLettered(PendingDelivery d, boolean onDisk, long now) {
        TenantLane lane = d.lane;
        if (d.handingBack) {
            d.handingBack = false;
            if (onDisk) {
                lane.outbound.complete(d.ticket);
                if (lane.handedBack != null) {
                    lane.handedBack.increment();
                }
            } else {
                lane.redeliveries.addLast(d); // handed back again (or delivered, if a receiver binds here) later
            }
            return;
        }
        if (onDisk) {
            lane.outbound.complete(d.ticket);
            lane.deadLettered.increment();
            if (warnings.allow(lane.tenantId())) {
                LOG.warn("tenant {}: {} {} moved to its dead-letter queue after {} attempts, the last on bind {} ({}) "
                        + "(counted in edge_tenant_dead_letters_total; logged once a minute per tenant)",
                        lane.tenantId(), d.receiptedMessageId == null ? "MO from" : "receipt for",
                        d.receiptedMessageId == null ? d.message.sourceAddr() : d.receiptedMessageId, d.attempts,
                        d.lastReceiver, d.lastStatus == Inbox.UNANSWERED ? "no answer" : "status 0x"
                                + Integer.toHexString(d.lastStatus));
            }
        } else {
            // one attempt left: refused once more, it tries the dead-letter queue again
            d.attempts = lane.maxDeliveryAttempts - 1;
            d.notBefore = now + MAX_BACKOFF_NANOS;
            lane.redeliveries.addLast(d);
        }
    }
}
