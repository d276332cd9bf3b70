package io.edgegw.core.dispatch;

import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.queue.TenantQueues;

import java.util.List;

/**
 * Tenants toward the carriers, by weighted round robin in small quanta: pass after pass over the tenants, each
 * sends up to {@code QUANTUM * weight} messages per pass, until a pass sends nothing (every queue empty or every
 * carrier window full) or {@code MAX_PER_CALL} went out. Small quanta matter: window slots free up in batches (a
 * carrier answers a window's worth together), and a batch is shared among the tenants waiting for it instead of
 * going to whoever came first. Which tenant opens the passes follows a smooth weighted round robin, so even one slot
 * at a time is shared by weight. The last slots of each bind are kept for tenants below their weighted share while
 * several are active; a tenant that sent nothing for a second holds no share. A quiet tenant's next message
 * therefore waits for about one freed slot, whatever another tenant has queued. Dispatcher thread only.
 */
final class FairScheduler {
    /** Messages a weight-1 tenant may send per pass; a weight-w tenant w times as many. */
    static final int QUANTUM = 4;
    /** Most messages sent in one dispatch call, so reports and deliveries are served in between. */
    static final int MAX_PER_CALL = 2048;
    /** A tenant that sent within this long counts as active when window slots are shared out. */
    static final long ACTIVE_NANOS = 1_000_000_000L;

    private final TenantLane[] lanes;
    private final CarrierSelection carriers;
    private final SubmitOutcomes outcomes;
    private final DispatchClock clock;
    private final int totalWeight;
    /** Window slots held by all tenants' messages; with the two below, decides who may take reserved slots. */
    private int carrierInFlight;
    private int activeLanes;
    private int activeWeight;

    FairScheduler(TenantLane[] lanes, CarrierSelection carriers, SubmitOutcomes outcomes, DispatchClock clock) {
        this.lanes = lanes;
        this.carriers = carriers;
        this.outcomes = outcomes;
        this.clock = clock;
        int total = 0;
        for (TenantLane lane : lanes) {
            total += lane.weight;
        }
        this.totalWeight = total;
    }

    /**
     * One lane per tenant, at its {@link TenantQueues#index()}, with its gauges registered; {@code configs} is
     * indexed the same way.
     */
    static TenantLane[] lanes(List<TenantQueues> tenants, List<TenantConfig> configs, GatewayMetrics metrics,
                              DispatchClock clock) {
        TenantLane[] lanes = new TenantLane[tenants.size()];
        OncePerMinute limitWarnings = new OncePerMinute();
        for (TenantQueues t : tenants) {
            TenantLane lane = TenantLane.of(t, configs.get(t.index()), metrics, limitWarnings);
            lanes[t.index()] = lane;
            String id = t.tenantId();
            metrics.gauge("edge_tenant_in_flight", "tenant", id, lane, l -> l.inFlightGauge);
            metrics.gauge("edge_tenant_inbound_depth", "tenant", id, t.inboundDepth(), d -> d.depth());
            metrics.gauge("edge_tenant_outbound_depth", "tenant", id, t.outboundDepth(), d -> d.depth());
            metrics.gauge("edge_tenant_inbound_bytes", "tenant", id, t.inboundDepth(), d -> d.bytes());
            metrics.gauge("edge_tenant_scheduled_depth", "tenant", id, t.scheduledDepth(), d -> d.depth());
            metrics.gauge("edge_tenant_scheduled_bytes", "tenant", id, t.scheduledDepth(), d -> d.bytes());
            metrics.gauge("edge_tenant_oldest_message_age_seconds", "tenant", id, lane, l -> l.oldestGauge == 0 ? 0
                    : Math.max(0, clock.currentTimeMillis() - l.oldestGauge) / 1000.0);
        }
        return lanes;
    }

    TenantLane[] lanes() {
        return lanes;
    }

    /** The wall clock (epoch ms), for scheduled messages' due times. */
    long nowMillis() {
        return clock.currentTimeMillis();
    }

    /** Window slots held by all tenants' messages now: submits at carriers not answered yet. */
    int carrierInFlight() {
        return carrierInFlight;
    }

    /** Sends what the carriers have room for, fairly; returns how many messages went (or ended). */
    int dispatch(long now) {
        long nowMillis = clock.currentTimeMillis();
        int work = 0;
        int first = firstLane();
        countActive(now);
        boolean progress = true;
        while (progress && work < MAX_PER_CALL) {
            progress = false;
            for (int i = 0; i < lanes.length; i++) {
                int sent = serve(lanes[(first + i) % lanes.length], now, nowMillis);
                if (sent > 0) {
                    work += sent;
                    progress = true;
                }
            }
        }
        for (TenantLane lane : lanes) {
            lane.blocked = false;
            lane.inFlightGauge = lane.inbound.inFlight();
            lane.oldestGauge = lane.inbound.oldestStamp();
        }
        if (work > 0) {
            leaderServed(first);
        }
        carriers.flush();
        return work;
    }

    /** One lane's quantum of this pass: its due retries first, then its queue. */
    private int serve(TenantLane lane, long now, long nowMillis) {
        if (lane.blocked || lane.paused) {
            return 0;
        }
        int sent = 0;
        int quantum = QUANTUM * lane.weight;
        while (sent < quantum) {
            InFlightSubmit s = lane.retries.peekFirst();
            if (s != null && now - s.notBefore >= 0) {
                lane.retries.pollFirst();
            } else {
                s = lane.nextSubmit();
                if (s == null) {
                    lane.blocked = true; // nothing to send now
                    break;
                }
            }
            if (lane.limits.isExpired(s, nowMillis)) { // off disk or out of the retries alike
                outcomes.expired(s, nowMillis);
                sent++; // work done: bounded by the quantum like a send
                continue;
            }
            CarrierSelection.Offer offer = carriers.send(s, now, mayUseReserve(lane));
            if (offer == CarrierSelection.Offer.NO_ROOM) {
                lane.retries.addFirst(s);
                lane.blocked = true; // no carrier of its route has room now
                break;
            }
            if (offer == CarrierSelection.Offer.SENT) {
                lane.carrierInFlight++;
                lane.lastSentNanos = now;
                carrierInFlight++;
            } else {
                outcomes.noRoute(s, now);
            }
            sent++;
        }
        return sent;
    }

    /** A carrier answered {@code s} (or gave it up unanswered): the window slot it held is free again. */
    void slotFreed(InFlightSubmit s) {
        if (s.lane.carrierInFlight > 0) {
            s.lane.carrierInFlight--;
            carrierInFlight--;
        }
    }

    /**
     * Smooth weighted round robin (as nginx balances upstreams): lanes lead dispatch calls in proportion to weight.
     * Only a call that sent something takes a turn ({@link #leaderServed}); idle calls, which are most of them
     * while every window is full, leave the order alone, so turns alternate between freed slots and not by chance.
     */
    private int firstLane() {
        int best = 0;
        for (int i = 0; i < lanes.length; i++) {
            if (lanes[i].lead + lanes[i].weight > lanes[best].lead + lanes[best].weight) {
                best = i;
            }
        }
        return best;
    }

    private void leaderServed(int leader) {
        for (TenantLane lane : lanes) {
            lane.lead += lane.weight;
        }
        lanes[leader].lead -= totalWeight;
    }

    /** Tenants that sent in the last second or have a message waiting for room, and their weights. */
    private void countActive(long now) {
        activeLanes = 0;
        activeWeight = 0;
        for (TenantLane lane : lanes) {
            if (now - lane.lastSentNanos < ACTIVE_NANOS || lane.carrierInFlight > 0 || !lane.retries.isEmpty()) {
                activeLanes++;
                activeWeight += lane.weight;
            }
        }
    }

    /** A tenant may take a bind's reserved last slots when alone, or when it holds no more than its weighted share. */
    private boolean mayUseReserve(TenantLane lane) {
        return activeLanes <= 1 || (long) lane.carrierInFlight * activeWeight <= (long) carrierInFlight * lane.weight;
    }
}
