package io.edgegw.core.dispatch;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.ClusterConfig;
import io.edgegw.core.config.QualityConfig;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.metrics.GatewayMetrics.Outcome;
import io.edgegw.core.route.Route;
import io.edgegw.core.route.RouteTable;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.text.MessageForm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which carrier bind takes a message: its route's candidates in order (priority, then cost, spread by weight among
 * equals), each carrier only while an operator lets it, its live quality (overall and on that route) allows, and
 * one of its binds is bound with a free window slot and not held back by its pace. It learns from every answer
 * (quality, latency, a learned rate after throttling) and every final receipt. Dispatcher thread only.
 */
final class CarrierSelection {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierSelection.class);

    /** What {@link #send} did with a message. */
    enum Offer {
        /** A bind took it. */
        SENT,
        /** No carrier of its route has room now: try again later. */
        NO_ROOM,
        /** No route takes its destination. */
        NO_ROUTE
    }

    private final Routing routing;
    /** By carrier id, in configuration order. */
    private final Map<String, CarrierPool> pools = new LinkedHashMap<>();
    private final Touched<CarrierBind> touched = new Touched<>();
    private final ClusterConfig cluster;

    /** One instance alone. */
    CarrierSelection(List<CarrierConfig> carriers, RouteTable routes, QualityConfig quality, GatewayMetrics metrics,
                     long now) {
        this(carriers, ClusterConfig.SINGLE, routes, quality, metrics, now);
    }

    /**
     * @param cluster which instance this is: each carrier's rate is its part of the carrier's
     * @param now     the dispatcher clock's time, where the carriers' rates start counting
     */
    CarrierSelection(List<CarrierConfig> carriers, ClusterConfig cluster, RouteTable routes, QualityConfig quality,
                     GatewayMetrics metrics, long now) {
        this.routing = new Routing(routes, quality);
        this.cluster = cluster;
        for (CarrierConfig c : carriers) {
            CarrierPool pool = new CarrierPool(c, cluster.carrier(c), quality, metrics.submits(c.id()),
                    metrics.responses(c.id()), metrics.responseTime(c.id()), now);
            pools.put(c.id(), pool);
            // read from the scrape thread: a stale value is fine for a gauge
            metrics.gauge("edge_carrier_quality_ratio", "carrier", c.id(), pool.quality, CarrierQuality::success);
            metrics.gauge("edge_carrier_state", "carrier", c.id(), pool, p -> p.publishedState().ordinal());
            metrics.gauge("edge_carrier_latency_ms", "carrier", c.id(), pool.quality, CarrierQuality::latencyMillis);
            metrics.gauge("edge_carrier_delivered_ratio", "carrier", c.id(), pool.quality, CarrierQuality::delivered);
        }
    }

    /** Which instance this is, of how many. */
    ClusterConfig cluster() {
        return cluster;
    }

    Routing routing() {
        return routing;
    }

    /** Every carrier's pool, in configuration order. */
    Collection<CarrierPool> pools() {
        return pools.values();
    }

    /** The pool of {@code carrierId}, or null for a carrier not configured. */
    CarrierPool pool(String carrierId) {
        return pools.get(carrierId);
    }

    /**
     * Offers {@code s} to the first candidate of its route that may take it and has room. A message a carrier
     * answered with a transient error tries the route's other carriers first. When no candidate may take it (all
     * resting, or probing with their trickle used) they are tried anyway: there is no better choice, and holding or
     * failing the message would be worse.
     *
     * @param mayUseReserve whether its tenant may take a bind's reserved last slots ({@link FairScheduler})
     */
    Offer send(InFlightSubmit s, long now, boolean mayUseReserve) {
        Route carriers = routing.lookup(s.tenantId(), s.message.destAddr());
        if (carriers.isEmpty()) {
            return Offer.NO_ROUTE;
        }
        if (s.attempts == 0) {
            ShortMessage m = s.message;
            int reference = MessageForm.partReference(m.esmClass() & 0xFF, m.payload(), m.sar());
            if (reference != MessageForm.NOT_A_PART) {
                return sendPart(s, carriers, partHash(s.tenantId(), m, reference), now, mayUseReserve);
            }
        }
        boolean anyUsable = false;
        String failedOn = s.attempts > 0 && s.lastBind != null && carriers.size() > 1 ? s.lastBind.carrierId() : null;
        for (int pass = failedOn == null ? 1 : 0; pass < 2; pass++) {
            for (int k = 0; k < carriers.size(); k++) {
                int c = routing.spread(carriers, k);
                CarrierPool pool = pools.get(carriers.get(c).carrierId());
                if (pool.mode != OperatorMode.ENABLED || (pass == 0 && pool.carrierId.equals(failedOn))) {
                    continue;
                }
                CarrierQuality onRoute = routing.quality(carriers, c);
                if (!pool.quality.mayTake(now) || !onRoute.mayTake(now)) {
                    continue; // inactive, or probing and this second's trickle is used; overall or for this prefix
                }
                anyUsable = true;
                if (offer(s, pool, onRoute, now, mayUseReserve)) {
                    return Offer.SENT;
                }
            }
        }
        if (!anyUsable) {
            for (int i = 0; i < carriers.size(); i++) {
                CarrierPool pool = pools.get(carriers.get(i).carrierId());
                CarrierQuality onRoute = routing.quality(carriers, i);
                boolean resting = pool.quality.state() != DestinationState.ACTIVE
                        || onRoute.state() != DestinationState.ACTIVE;
                if (pool.mode == OperatorMode.ENABLED && resting && offer(s, pool, onRoute, now, mayUseReserve)) {
                    return Offer.SENT;
                }
            }
        }
        return Offer.NO_ROOM;
    }

    /**
     * A part of a long message, on its first attempt: every part of one message (same tenant, source, destination and
     * reference: {@code hash}) goes to the same carrier and the same bind, so the carrier can join them and they
     * arrive in the order submitted. The hash picks among the first run of equally ranked candidates that may take
     * traffic (by weight, as {@link Routing#spread} draws) and among that carrier's binds; nothing is remembered, so
     * a hostile tenant can grow no table. A carrier that may not take traffic (operator, quality) or has no bind in
     * use is passed over for the next one in the hash's order, and a bind not in use for the carrier's next: waiting
     * for one that is down could hold the part for ever. A bind in use without room now (window full, paced) is
     * waited for ({@link Offer#NO_ROOM}): its slots free up within a response time, and going elsewhere would split
     * the message.
     */
    private Offer sendPart(InFlightSubmit s, Route carriers, int hash, long now, boolean mayUseReserve) {
        int carrierHash = mix(hash);
        int bindHash = mix(hash ^ 0x9E3779B9);
        for (int pass = 0; pass < 2; pass++) { // as send: when none may take traffic, a resting one is tried anyway
            for (int start = 0; start < carriers.size(); ) {
                int end = Routing.runEnd(carriers, start);
                int first = Routing.byHash(carriers, start, end, carrierHash);
                for (int i = 0; i < end - start; i++) {
                    int c = start + (first - start + i) % (end - start);
                    CarrierPool pool = pools.get(carriers.get(c).carrierId());
                    CarrierQuality onRoute = routing.quality(carriers, c);
                    if (pool.mode != OperatorMode.ENABLED
                            || (pass == 0 && (!pool.quality.mayTake(now) || !onRoute.mayTake(now)))) {
                        continue;
                    }
                    CarrierPool.Pace bind = pool.partBind(bindHash);
                    if (bind == null) {
                        continue; // no bind of this carrier is in use: the next one
                    }
                    if (pool.hasRoom(bind, now, mayUseReserve) && bind.bind.offer(s)) {
                        took(s, pool, bind.bind, onRoute, now);
                        return Offer.SENT;
                    }
                    return Offer.NO_ROOM;
                }
                start = end;
            }
        }
        return Offer.NO_ROOM;
    }

    /** Which long message a part belongs to: its tenant, source, destination and reference, hashed. */
    static int partHash(String tenantId, ShortMessage m, int reference) {
        int h = tenantId.hashCode();
        h = 31 * h + (m.sourceAddr() == null ? 0 : m.sourceAddr().hashCode());
        h = 31 * h + (m.destAddr() == null ? 0 : m.destAddr().hashCode());
        return 31 * h + reference;
    }

    /** MurmurHash3's finalizer: every input bit moves every output bit, so nearby keys spread. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ h >>> 16;
    }

    private boolean offer(InFlightSubmit s, CarrierPool pool, CarrierQuality onRoute, long now, boolean reserve) {
        for (int tries = 0; tries < 4; tries++) {
            CarrierBind bind = pool.pick(now, s.lastBind, reserve);
            if (bind == null) {
                return false;
            }
            if (bind.offer(s)) {
                took(s, pool, bind, onRoute, now);
                return true;
            }
        }
        return false;
    }

    private void took(InFlightSubmit s, CarrierPool pool, CarrierBind bind, CarrierQuality onRoute, long now) {
        s.lastBind = bind;
        s.sentNanos = now;
        pool.sent(bind, now);
        pool.quality.sent();
        onRoute.sent();
        s.routeQuality = onRoute;
        pool.submits.increment();
        touched.add(bind);
    }

    /** Flushes every bind written to since the last flush, each once. */
    void flush() {
        touched.flushAll(CarrierBind::flush);
    }

    /**
     * What the answer {@code status} (or {@link Inbox#UNANSWERED}) to {@code s} says about the carrier of
     * {@code bind}: counted and timed; OK, transient errors and silence feed its quality overall and on the
     * message's route (throttling is load and a permanent error the message's fault, so neither does); OK lets a
     * learned rate grow, throttling pauses the bind and halves its rate.
     */
    void answered(CarrierBind bind, InFlightSubmit s, int status, long now) {
        CarrierPool pool = pools.get(bind.carrierId());
        if (pool == null) {
            return;
        }
        boolean ok = status == SmppStatus.ESME_ROK;
        boolean unanswered = status == Inbox.UNANSWERED;
        boolean throttled = SmppStatus.isThrottle(status);
        boolean transientError = !unanswered && SmppStatus.isTransient(status);
        if (!unanswered) {
            pool.responseTime.record(now - s.sentNanos, TimeUnit.NANOSECONDS);
        }
        if (ok || unanswered || (transientError && !throttled)) {
            pool.quality.answered(ok, now - s.sentNanos, now);
            if (s.routeQuality != null) {
                s.routeQuality.answered(ok, now - s.sentNanos, now);
            }
        }
        Outcome outcome;
        if (ok) {
            outcome = Outcome.OK;
            pool.accepted(bind, now);
        } else if (throttled) {
            outcome = Outcome.THROTTLED;
            pool.throttled(bind, now);
        } else if (unanswered) {
            outcome = Outcome.UNANSWERED;
        } else {
            outcome = transientError ? Outcome.TRANSIENT : Outcome.PERMANENT;
        }
        pool.responses[outcome.ordinal()].increment();
    }

    /** A final receipt from a carrier: it tells how well the carrier delivers, overall and for that number's route. */
    void receipted(DispatcherEvent.ReceiptVerdict r, long now) {
        CarrierPool pool = pools.get(r.carrierId());
        if (pool == null) {
            return;
        }
        pool.quality.receipted(r.delivered(), now);
        routing.receipted(r.carrierId(), r.tenantId(), r.number(), r.delivered(), now);
    }

    /** A bind the connector made ({@code add}) or closed for good. */
    void register(CarrierBind bind, boolean add, long now) {
        CarrierPool pool = pools.get(bind.carrierId());
        if (pool == null) {
            LOG.warn("bind {} is for carrier {} which is not configured; ignored", bind.name(), bind.carrierId());
        } else if (add) {
            pool.add(bind, now);
        } else {
            pool.remove(bind);
        }
    }

    /** Takes every carrier's {@link DestinationState} for the metrics; a few times a second. */
    void publishStates() {
        for (CarrierPool pool : pools.values()) {
            pool.publishState();
        }
    }
}
