package io.edgegw.core.dispatch;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.JournalFeed;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.route.RouteTable;

import java.util.List;

/**
 * The dispatcher's parts wired to each other: what its loop drives on its thread, and what unit tests drive with a
 * clock of their own. Dispatcher thread only (or the test's).
 *
 * @param lanes one per tenant, shared by the scheduler (toward carriers) and the pump (toward the tenant)
 */
record DispatchParts(TenantLane[] lanes, CarrierSelection carriers, SubmitOutcomes outcomes, FairScheduler scheduler,
                     DeliveryPump deliveries, InboxReader reader) {

    /** @param tenants the tenants' queues, indexed like {@code config.tenants()} */
    static DispatchParts wire(GatewayConfig config, List<TenantQueues> tenants, Inbox inbox, JournalFeed journal,
                              GatewayMetrics metrics, DispatchClock clock) {
        CarrierSelection carriers = new CarrierSelection(config.carriers(), config.cluster(),
                new RouteTable(config.routes()), config.quality(), metrics, clock.nanoTime());
        SubmitOutcomes outcomes = new SubmitOutcomes(journal, metrics.noRoute());
        TenantLane[] lanes = FairScheduler.lanes(tenants, config.tenants(), metrics, clock);
        OncePerMinute scheduledWarnings = new OncePerMinute();
        for (TenantQueues t : tenants) {
            lanes[t.index()].scheduled = new ScheduledLane(t, journal, scheduledWarnings);
        }
        FairScheduler scheduler = new FairScheduler(lanes, carriers, outcomes, clock);
        DeliveryPump deliveries = new DeliveryPump(lanes, journal);
        InboxReader reader = new InboxReader(inbox, scheduler, carriers, outcomes, deliveries);
        return new DispatchParts(lanes, carriers, outcomes, scheduler, deliveries, reader);
    }

    /**
     * One round of the loop: what crossed in is applied, then (unless {@code stopping}) messages are sent and
     * deliveries offered, and what the journal had no room for is offered again. Returns the work done.
     */
    int round(long now, boolean stopping) {
        return reader.drain(now) + (stopping ? 0 : moveScheduled() + scheduler.dispatch(now) + deliveries.deliver(now))
                + publishAwaiting();
    }

    /** Each tenant's scheduled messages due now handed to the journal, to be copied into its inbound queue. */
    private int moveScheduled() {
        long nowMillis = scheduler.nowMillis();
        int work = 0;
        for (TenantLane lane : lanes) {
            if (lane.scheduled != null) {
                work += lane.scheduled.round(nowMillis);
            }
        }
        return work;
    }

    /** What the journal had no room for, offered again; how many it took. */
    int publishAwaiting() {
        return outcomes.publishAwaiting() + deliveries.publishAwaiting();
    }

    /**
     * Nothing waits here for time to pass: no message or delivery held for a retry or for room, no tenant's receivers
     * without room, nothing the journal had no room for. Then only a report, an operator or the journal can make work, and they ring the doorbell, so
     * the loop may sleep long. Otherwise it looks again within a millisecond (a bind coming back, a back-off ending).
     */
    boolean quiet() {
        for (TenantLane lane : lanes) {
            if (!lane.retries.isEmpty() || !lane.redeliveries.isEmpty()) {
                return false;
            }
        }
        return outcomes.nothingAwaitingRing() && deliveries.quiet();
    }

    /** Nothing is at a carrier or a tenant unanswered, and nothing handed to the journal waits to come back. */
    boolean drained() {
        return scheduler.carrierInFlight() == 0 && deliveries.inFlight() == 0 && settled();
    }

    /** Nothing handed to the journal (correlations, failed receipts, scheduled copies) waits to come back. */
    boolean settled() {
        for (TenantLane lane : lanes) {
            if (lane.scheduled != null && lane.scheduled.copying() > 0) {
                return false;
            }
        }
        return outcomes.settled();
    }
}
