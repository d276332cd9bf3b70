package io.edgegw.core.dispatch;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.QualityConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.metrics.GatewayMetrics.Outcome;
import io.edgegw.core.pipeline.Ring;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.route.Route;
import io.edgegw.core.route.RouteTable;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.TenantReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one dispatcher thread: moves tenant messages from their inbound queues to carrier binds and receipts from
 * outbound queues to tenant receivers, and applies what binds report back through the {@link Inbox}.
 */
public final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int PER_TENANT_ROUND = 64;
    /** Messages a weight-1 tenant may send per pass; a weight-w tenant w times as many. */
    static final int QUANTUM = 4;
    /** Most messages sent in one dispatch call, so reports and deliveries are served in between. */
    private static final int MAX_PER_CALL = 2048;
    private static final long RETRY_BACKOFF_NANOS = 500_000_000L;
    private static final long TICK_NANOS = 100_000_000L;
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;
    private static final long ERROR_EVERY_NANOS = 10_000_000_000L;
    private static final long MAX_IDLE_PARK_NANOS = 1_000_000L;
    /** A tenant that sent within this long counts as active when window slots are shared out. */
    private static final long ACTIVE_NANOS = 1_000_000_000L;
    /** On exit, how long the last reports may take to be journaled and completed while the ring still runs. */
    private static final long SETTLE_NANOS = 1_000_000_000L;

    private final Ring ring;
    final Routing routing;
    private final GatewayMetrics metrics;
    final TenantLane[] lanes;
    private final Map<String, TenantLane> lanesById = new HashMap<>();
    /** By carrier id, in configuration order. */
    final Map<String, CarrierPool> pools = new LinkedHashMap<>();
    private final Inbox inbox;
    private final DispatcherControl control;
    /** Completions whose journal event the ring had no room for; published again next round. */
    private final ArrayDeque<InFlightSubmit> awaitingRing = new ArrayDeque<>();
    private final DeliveryRetries deliveryRetries;
    private final Map<String, Long> lastNoRouteWarn = new HashMap<>();
    private final Touched<CarrierBind> touchedBinds = new Touched<>();
    private final Touched<TenantReceiver> touchedReceivers = new Touched<>();
    private volatile boolean running = true;
    /** The gateway is stopping: nothing more is taken from the queues or sent; answers are still applied. */
    private volatile boolean stopping;
    /** While stopping: nothing is left in flight (see {@link #drained()}); dispatcher thread writes, any reads. */
    private volatile boolean drained;
    /** Submits at carriers and deliveries at tenants not yet answered, as last seen while stopping; any thread. */
    private volatile int unansweredAtCarriers;
    private volatile int unansweredAtTenants;
    private final Thread thread;
    private int totalWeight;
    /** Window slots held by all tenants' messages; with the two below, decides who may take reserved slots. */
    private int carrierInFlight;
    /** Correlations and failed receipts handed to the ring whose message is not completed yet. */
    private int journalPending;
    /** deliver_sm offered to tenant receivers and not yet reported back. */
    private int deliveriesInFlight;
    private int activeLanes;
    private int activeWeight;
    private long lastTick;

    public Dispatcher(List<TenantQueues> tenants, List<TenantConfig> configs, RouteTable routes, Ring ring,
                      GatewayMetrics metrics, List<CarrierConfig> carriers) {
        this(tenants, configs, routes, ring, metrics, carriers, QualityConfig.DEFAULTS);
    }

    /** @param configs each tenant's configuration (weight, message limits), indexed like {@link TenantQueues#index()} */
    public Dispatcher(List<TenantQueues> tenants, List<TenantConfig> configs, RouteTable routes, Ring ring,
                      GatewayMetrics metrics, List<CarrierConfig> carriers, QualityConfig quality) {
        this.ring = ring;
        this.routing = new Routing(routes, quality);
        this.metrics = metrics;
        this.lanes = new TenantLane[tenants.size()];
        this.deliveryRetries = new DeliveryRetries(ring);
        OncePerMinute limitWarnings = new OncePerMinute();
        for (TenantQueues t : tenants) {
            TenantLane lane = TenantLane.of(t, configs.get(t.index()), metrics, limitWarnings);
            totalWeight += lane.weight;
            lanes[t.index()] = lane;
            lanesById.put(t.tenantId(), lane);
            metrics.gauge("edge_tenant_in_flight", "tenant", t.tenantId(), lane, l -> l.inFlightGauge);
            metrics.gauge("edge_tenant_inbound_depth", "tenant", t.tenantId(), t.inboundDepth(), d -> d.depth());
            metrics.gauge("edge_tenant_outbound_depth", "tenant", t.tenantId(), t.outboundDepth(), d -> d.depth());
            metrics.gauge("edge_tenant_inbound_bytes", "tenant", t.tenantId(), t.inboundDepth(), d -> d.bytes());
            metrics.gauge("edge_tenant_oldest_message_age_seconds", "tenant", t.tenantId(), lane,
                    l -> l.oldestGauge == 0 ? 0 : Math.max(0, System.currentTimeMillis() - l.oldestGauge) / 1000.0);
        }
        for (CarrierConfig c : carriers) {
            CarrierPool pool = new CarrierPool(c, quality, metrics.submits(c.id()), metrics.responses(c.id()),
                    metrics.responseTime(c.id()));
            pools.put(c.id(), pool);
            // read from the scrape thread: a stale value is fine for a gauge
            metrics.gauge("edge_carrier_quality_ratio", "carrier", c.id(), pool.quality, CarrierQuality::success);
            metrics.gauge("edge_carrier_state", "carrier", c.id(), pool.quality, q -> q.state().ordinal());
            metrics.gauge("edge_carrier_latency_ms", "carrier", c.id(), pool.quality, CarrierQuality::latencyMillis);
            metrics.gauge("edge_carrier_delivered_ratio", "carrier", c.id(), pool.quality, CarrierQuality::delivered);
        }
        this.inbox = new Inbox(ring, metrics);
        this.control = new DispatcherControl(this);
        this.thread = new Thread(this, "edge-dispatcher");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * The gateway begins to stop: from now on nothing new is read from the queues and nothing is sent (not even a
     * retry), while answers to what is in flight are still applied, journaled and completed. {@link #drained()}
     * then says when nothing is left in flight.
     */
    public void stopTaking() {
        stopping = true;
        LockSupport.unpark(thread);
    }

    /**
     * True once, after {@link #stopTaking()}, every submit sent to a carrier and every deliver_sm sent to a tenant has
     * been answered and what the answers need journaled is journaled and completed: closing the binds now leaves
     * nothing to be sent twice after a restart.
     */
    public boolean drained() {
        return drained || !thread.isAlive(); // never started (a failed start) or already ended: nothing in flight
    }

    /** Submits sent to carriers and not answered, as last seen while stopping (for the stop's log line). */
    public int unansweredAtCarriers() {
        return unansweredAtCarriers;
    }

    /** deliver_sm sent to tenants and not answered, as last seen while stopping. */
    public int unansweredAtTenants() {
        return unansweredAtTenants;
    }

    /**
     * Stops the loop and waits for it. The loop first applies the last reports (binds have closed by now) while the
     * ring still runs, so a message answered during the stop is completed; cursors close on the dispatcher thread.
     */
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Operator actions and status views, from any thread. */
    public DispatcherControl control() {
        return control;
    }

    /** Where binds, receivers and the journal report to this dispatcher, from any thread. */
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public void run() {
        for (TenantLane lane : lanes) {
            lane.open();
        }
        int idle = 0;
        long lastError = Long.MIN_VALUE / 2;
        try {
            while (running) {
                long now = System.nanoTime();
                int work = 0;
                try {
                    work = drainReports(now) + (stopping ? 0 : dispatch(now) + deliver(now)) + publishAwaiting()
                            + deliveryRetries.publishAwaiting();
                    if (stopping) {
                        noteDrained();
                    }
                } catch (RuntimeException e) {
                    // a connector threw from offer/flush: keep serving everyone else; the message it held stays
                    // uncompleted on disk, so at worst it is sent again after a restart
                    if (now - lastError >= ERROR_EVERY_NANOS) {
                        lastError = now;
                        LOG.error("dispatcher round failed (further errors not logged for 10 s)", e);
                    }
                }
                if (now - lastTick >= TICK_NANOS && ring.tick()) {
                    lastTick = now;
                }
                if (work > 0) {
                    idle = 0;
                } else {
                    // back off from 1 us up to 1 ms: fast pickup under load, a quiet CPU when idle
                    LockSupport.parkNanos(Math.min(MAX_IDLE_PARK_NANOS, 1_000L << Math.min(idle++, 10)));
                }
            }
        } finally {
            try {
                settle();
            } finally {
                for (TenantLane lane : lanes) {
                    lane.close();
                }
            }
        }
    }

    private void noteDrained() {
        unansweredAtCarriers = carrierInFlight;
        unansweredAtTenants = deliveriesInFlight;
        drained = carrierInFlight == 0 && deliveriesInFlight == 0 && journalPending == 0 && awaitingRing.isEmpty();
    }

    /**
     * On exit: the reports still in the inbox are applied and what they hand the journal comes back completed,
     * bounded by {@link #SETTLE_NANOS}. Sends nothing.
     */
    private void settle() {
        stopping = true;
        long deadline = System.nanoTime() + SETTLE_NANOS;
        int idle = 0;
        while (System.nanoTime() - deadline < 0) {
            int work;
            try {
                work = drainReports(System.nanoTime()) + publishAwaiting() + deliveryRetries.publishAwaiting();
            } catch (RuntimeException e) {
                LOG.warn("dispatcher could not apply its last reports: {}", e.toString());
                return;
            }
            if (work == 0 && journalPending == 0 && awaitingRing.isEmpty()) {
                return;
            }
            if (work == 0) {
                LockSupport.parkNanos(Math.min(MAX_IDLE_PARK_NANOS, 1_000L << Math.min(idle++, 10)));
            } else {
                idle = 0;
            }
        }
    }

    private int drainReports(long now) {
        int n = 0;
        Object r;
        while (n < 4096 && (r = inbox.poll()) != null) {
            n++;
            if (r instanceof Inbox.SubmitReport) {
                onSubmitReport((Inbox.SubmitReport) r, now);
            } else if (r instanceof InFlightSubmit) {
                journalPending--;
                complete((InFlightSubmit) r);
            } else if (r instanceof Inbox.DeliveryReport) {
                deliveriesInFlight--;
                onDeliveryReport((Inbox.DeliveryReport) r, now);
            } else if (r instanceof Inbox.DeadLettered d) {
                deliveryRetries.deadLettered(d.delivery(), d.onDisk(), now);
            } else if (r instanceof Inbox.ReceiptReport) {
                onReceiptReport((Inbox.ReceiptReport) r, now);
            } else if (r instanceof Inbox.Registration) {
                onRegistration((Inbox.Registration) r);
            } else if (r instanceof Inbox.Command) {
                ((Inbox.Command) r).action().run();
            }
        }
        return n;
    }

    private void onSubmitReport(Inbox.SubmitReport r, long now) {
        InFlightSubmit s = r.submit();
        CarrierPool pool = pools.get(r.bind().carrierId());
        if (s.lane.carrierInFlight > 0) { // whatever the answer, its window slot is free again
            s.lane.carrierInFlight--;
            carrierInFlight--;
        }
        int status = r.status();
        if (pool != null && status != Inbox.UNANSWERED) {
            pool.responseTime.record(now - s.sentNanos, TimeUnit.NANOSECONDS);
        }
        if (pool != null && (status == SmppStatus.ESME_ROK || status == Inbox.UNANSWERED
                || (SmppStatus.isTransient(status) && !SmppStatus.isThrottle(status)))) {
            pool.quality.answered(status == SmppStatus.ESME_ROK, now - s.sentNanos, now);
            if (s.routeQuality != null) {
                s.routeQuality.answered(status == SmppStatus.ESME_ROK, now - s.sentNanos, now);
            }
        }
        if (status == SmppStatus.ESME_ROK) {
            count(pool, Outcome.OK);
            if (pool != null) {
                pool.accepted(r.bind(), now);
            }
            // Correlated whatever the tenant asked: many carriers send receipts regardless, and an unknown
            // receipt would be held unanswered. Which receipts reach the tenant is decided on arrival.
            if (r.carrierMessageId() != null) {
                s.carrierId = r.bind().carrierId();
                s.carrierMessageId = r.carrierMessageId();
                journalThenComplete(s);
            } else {
                complete(s);
            }
        } else if (SmppStatus.isThrottle(status)) { // uses no attempt: only the message's age bounds it
            count(pool, Outcome.THROTTLED);
            if (pool != null) {
                pool.throttled(r.bind(), now);
            }
            s.lastStatus = status;
            s.notBefore = now + CarrierPool.THROTTLE_PAUSE_NANOS;
            s.lane.retries.addFirst(s);
        } else if (status == Inbox.UNANSWERED || SmppStatus.isTransient(status)) {
            boolean unanswered = status == Inbox.UNANSWERED;
            count(pool, unanswered ? Outcome.UNANSWERED : Outcome.TRANSIENT);
            s.lastBind = r.bind();
            s.lastStatus = unanswered ? 0 : status; // a failed receipt's err: 000 when there was no answer
            if (s.lane.limits.attemptUsed(s)) {
                s.lane.limits.exhausted(s, status);
                fail(s, "UNDELIV", s.lastStatus);
            } else {
                s.notBefore = unanswered ? now : now + RETRY_BACKOFF_NANOS * Math.min(s.attempts, 10);
                if (unanswered) {
                    s.lane.retries.addFirst(s);
                } else {
                    s.lane.retries.addLast(s);
                }
            }
        } else {
            count(pool, Outcome.PERMANENT);
            fail(s, "REJECTD", status);
        }
    }

    /** A final receipt from a carrier: it tells how well the carrier delivers, overall and for that number's route. */
    private void onReceiptReport(Inbox.ReceiptReport r, long now) {
        CarrierPool pool = pools.get(r.carrierId());
        if (pool == null) {
            return;
        }
        pool.quality.receipted(r.delivered(), now);
        routing.receipted(r.carrierId(), r.tenantId(), r.number(), r.delivered(), now);
    }

    private static void count(CarrierPool pool, Outcome o) {
        if (pool != null) {
            pool.responses[o.ordinal()].increment();
        }
    }

    /** Ends a message the gateway gives up on: a failed receipt first (if asked for), completion after. */
    private void fail(InFlightSubmit s, String stat, int status) {
        if (s.wantsReceipt()) {
            s.failStat = stat;
            s.failStatus = status;
            journalThenComplete(s);
        } else {
            complete(s);
        }
    }

    private void journalThenComplete(InFlightSubmit s) {
        s.awaitingJournal = true;
        journalPending++;
        if (!publish(s)) {
            awaitingRing.add(s);
        }
    }

    private boolean publish(InFlightSubmit s) {
        return s.failStat != null
                ? ring.failedReceipt(s, s.gatewayId, s.acceptedMillis, s.failStat, s.failStatus)
                : ring.carrierResponse(s, s.gatewayId, s.carrierId, s.carrierMessageId);
    }

    private int publishAwaiting() {
        int n = 0;
        while (!awaitingRing.isEmpty() && publish(awaitingRing.peek())) {
            awaitingRing.poll();
            n++;
        }
        return n;
    }

    private void complete(InFlightSubmit s) {
        s.lane.inbound.complete(s.ticket);
        s.lane.inFlightGauge = s.lane.inbound.inFlight();
    }

    private void onDeliveryReport(Inbox.DeliveryReport r, long now) {
        PendingDelivery d = r.delivery();
        if (r.status() == SmppStatus.ESME_ROK) {
            d.lane.outbound.complete(d.ticket);
        } else {
            deliveryRetries.refused(d, r.status(), r.receiver(), now);
        }
    }

    private void onRegistration(Inbox.Registration r) {
        if (r.target() instanceof CarrierBind) {
            CarrierBind b = (CarrierBind) r.target();
            CarrierPool pool = pools.get(b.carrierId());
            if (pool == null) {
                LOG.warn("bind {} is for carrier {} which is not configured; ignored", b.name(), b.carrierId());
            } else if (r.add()) {
                pool.add(b);
            } else {
                pool.remove(b);
            }
        } else {
            TenantReceiver t = (TenantReceiver) r.target();
            TenantLane lane = lanesById.get(t.tenantId());
            if (lane == null) {
                LOG.warn("receiver {} is for tenant {} which is not configured; ignored", t.name(), t.tenantId());
            } else if (r.add()) {
                if (!lane.receivers.contains(t)) {
                    lane.receivers.add(t);
                }
            } else {
                lane.receivers.remove(t);
            }
        }
    }

    /**
     * Tenants toward the carriers, by weighted round robin in small quanta: pass after pass over the tenants, each
     * sends up to {@code QUANTUM * weight} messages per pass, until a pass sends nothing (every queue empty or every
     * carrier window full) or {@code MAX_PER_CALL} went out. Small quanta matter: window slots free up in batches
     * (a carrier answers a window's worth together), and a batch is shared among the tenants waiting for it instead
     * of going to whoever came first. Which tenant opens the passes follows a smooth weighted round robin, so even
     * one slot at a time is shared by weight. A quiet tenant's next message therefore waits for about one freed
     * slot, whatever another tenant has queued.
     */
    private int dispatch(long now) {
        long nowMillis = System.currentTimeMillis();
        int work = 0;
        int first = firstLane();
        countActive(now);
        boolean progress = true;
        while (progress && work < MAX_PER_CALL) {
            progress = false;
            for (int i = 0; i < lanes.length; i++) {
                TenantLane lane = lanes[(first + i) % lanes.length];
                if (lane.blocked || lane.paused) {
                    continue;
                }
                int sent = 0;
                int quantum = QUANTUM * lane.weight;
                while (sent < quantum) {
                    InFlightSubmit s = lane.retries.peekFirst();
                    boolean retry = s != null && now - s.notBefore >= 0;
                    if (retry) {
                        lane.retries.pollFirst();
                    } else {
                        s = lane.nextSubmit();
                        if (s == null) {
                            lane.blocked = true; // nothing to send now
                            break;
                        }
                    }
                    if (lane.limits.isExpired(s, nowMillis)) { // off disk or out of the retries alike
                        lane.limits.expired(s);
                        fail(s, "EXPIRED", s.lastStatus);
                        sent++; // work done: bounded by the quantum like a send
                        continue;
                    }
                    if (!send(s, now)) {
                        lane.retries.addFirst(s);
                        lane.blocked = true; // no carrier of its route has room now
                        break;
                    }
                    sent++;
                }
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
        touchedBinds.flushAll(CarrierBind::flush);
        return work;
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

    /** Offers a message to the first route carrier with room; false when none has room now (try again later). */
    private boolean send(InFlightSubmit s, long now) {
        Route carriers = routing.lookup(s.tenantId(), s.message.destAddr());
        if (carriers.isEmpty()) {
            metrics.noRoute().increment();
            warnNoRoute(s, now);
            fail(s, "UNDELIV", SmppStatus.ESME_RINVDSTADR);
            return true;
        }
        boolean reserve = mayUseReserve(s.lane);
        boolean anyUsable = false;
        // a message the carrier answered with a transient error tries the route's other carriers first
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
                if (offer(s, pool, onRoute, now, reserve)) {
                    return true;
                }
            }
        }
        if (!anyUsable) {
            // no carrier of the route may take it now (all resting, or probing with their trickle used): there
            // is no better choice, so try them anyway rather than hold or fail the message
            for (int i = 0; i < carriers.size(); i++) {
                CarrierPool pool = pools.get(carriers.get(i).carrierId());
                CarrierQuality onRoute = routing.quality(carriers, i);
                boolean resting = pool.quality.state() != CarrierQuality.State.ACTIVE
                        || onRoute.state() != CarrierQuality.State.ACTIVE;
                if (pool.mode == OperatorMode.ENABLED && resting && offer(s, pool, onRoute, now, reserve)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean offer(InFlightSubmit s, CarrierPool pool, CarrierQuality onRoute, long now, boolean reserve) {
        for (int tries = 0; tries < 4; tries++) {
            CarrierBind bind = pool.pick(now, s.lastBind, reserve);
            if (bind == null) {
                return false;
            }
            if (bind.offer(s)) {
                s.lastBind = bind;
                s.sentNanos = now;
                s.lane.carrierInFlight++;
                s.lane.lastSentNanos = now;
                pool.sent(bind, now);
                pool.quality.sent();
                onRoute.sent();
                s.routeQuality = onRoute;
                carrierInFlight++;
                pool.submits.increment();
                touchedBinds.add(bind);
                return true;
            }
        }
        return false;
    }

    private void warnNoRoute(InFlightSubmit s, long now) {
        String dest = s.message.destAddr() == null ? "" : s.message.destAddr();
        String key = s.tenantId() + '|' + dest.substring(0, Math.min(4, dest.length()));
        Long last = lastNoRouteWarn.get(key);
        if ((last == null || now - last >= WARN_EVERY_NANOS) && lastNoRouteWarn.size() < 10_000) {
            lastNoRouteWarn.put(key, now);
            LOG.warn("tenant {}: no route for destinations starting {}; failed receipts sent (once a minute per prefix)",
                    s.tenantId(), key.substring(key.indexOf('|') + 1));
        }
    }

    /** Receipts and MO from outbound queues to receivers with window space, order kept per tenant. */
    private int deliver(long now) {
        int work = 0;
        for (TenantLane lane : lanes) {
            for (int k = 0; k < PER_TENANT_ROUND && !lane.receivers.isEmpty(); k++) {
                TenantReceiver r = lane.receiver();
                if (r == null) {
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
                deliveriesInFlight++;
                work++;
                touchedReceivers.add(r);
            }
        }
        touchedReceivers.flushAll(TenantReceiver::flush);
        return work;
    }
}
