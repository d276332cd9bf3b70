package io.edgegw.core.dispatch;

import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.metrics.GatewayMetrics.Outcome;
import io.edgegw.core.route.Route;
import io.edgegw.core.route.RouteTable;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Operator actions and status views. Each runs on the dispatcher thread, handed over through its inbox, so it sees
 * and changes the dispatcher's state without a lock; the caller gets a future (which never completes once the
 * dispatcher has stopped, so wait on it with a timeout). Modes are not persisted: a restart starts all ENABLED.
 */
public final class DispatcherControl {
    private final Inbox inbox;
    private final CarrierSelection carriers;
    private final TenantLane[] lanes;
    private final DispatchClock clock;

    DispatcherControl(Inbox inbox, CarrierSelection carriers, TenantLane[] lanes, DispatchClock clock) {
        this.inbox = inbox;
        this.carriers = carriers;
        this.lanes = lanes;
        this.clock = clock;
    }

    /** Sets a carrier's mode; the future holds the mode it had. Unknown carrier: completes exceptionally. */
    public CompletableFuture<OperatorMode> carrier(String carrierId, OperatorMode mode) {
        return run(() -> {
            CarrierPool pool = carriers.pool(carrierId);
            if (pool == null) {
                throw new NoSuchElementException("no carrier '" + carrierId + "'");
            }
            OperatorMode was = pool.mode;
            pool.mode = mode;
            pool.publishState();
            for (CarrierPool.Pace p : pool.binds()) {
                // a bind the operator disabled on its own stays down whatever the carrier's mode
                if (p.mode != OperatorMode.DISABLED) {
                    p.bind.setEnabled(mode != OperatorMode.DISABLED);
                }
            }
            return was;
        });
    }

    /** Sets one bind's mode (by its name, carrier/endpoint#n); the future holds the mode it had. */
    public CompletableFuture<OperatorMode> bind(String bindName, OperatorMode mode) {
        return run(() -> {
            for (CarrierPool pool : carriers.pools()) {
                for (CarrierPool.Pace p : pool.binds()) {
                    if (p.bind.name().equals(bindName)) {
                        OperatorMode was = p.mode;
                        p.mode = mode;
                        pool.publishState();
                        p.bind.setEnabled(mode != OperatorMode.DISABLED && pool.mode != OperatorMode.DISABLED);
                        return was;
                    }
                }
            }
            throw new NoSuchElementException("no bind '" + bindName + "'");
        });
    }

    /** Pauses or resumes sending a tenant's messages to carriers; the future holds whether it was paused. */
    public CompletableFuture<Boolean> tenantPaused(String tenantId, boolean paused) {
        return run(() -> {
            for (TenantLane lane : lanes) {
                if (lane.tenantId().equals(tenantId)) {
                    boolean was = lane.paused;
                    lane.paused = paused;
                    return was;
                }
            }
            throw new NoSuchElementException("no tenant '" + tenantId + "'");
        });
    }

    /**
     * How many routes there were before a route table was replaced, and how many there are now (one table: SMS and
     * every connector named in {@code connectors} route by the same routes).
     *
     * @param connectors the protocols of the connectors that took the new routes too (e.g. {@code sip})
     */
    public record RoutesReplaced(int before, int after, List<String> connectors) {
        public RoutesReplaced {
            connectors = List.copyOf(connectors);
        }

        public RoutesReplaced(int before, int after) {
            this(before, after, List.of());
        }

        /** The same counts, taken by {@code protocols} too. */
        public RoutesReplaced with(List<String> protocols) {
            return new RoutesReplaced(before, after, protocols);
        }
    }

    /** Routes by {@code table} from the next message on. */
    public CompletableFuture<RoutesReplaced> routes(RouteTable table) {
        return run(() -> {
            int before = carriers.routing().table().size();
            carriers.routing().replace(table);
            return new RoutesReplaced(before, table.size());
        });
    }

    public CompletableFuture<DispatcherStatus> status() {
        return run(() -> {
            long now = clock.nanoTime();
            List<DispatcherStatus.Carrier> carrierViews = new ArrayList<>();
            for (CarrierPool pool : carriers.pools()) {
                List<DispatcherStatus.Bind> binds = new ArrayList<>();
                int inUse = 0;
                int size = 0;
                for (CarrierPool.Pace p : pool.binds()) {
                    CarrierBind b = p.bind;
                    int free = b.availableWindow();
                    if (b.isReady()) {
                        inUse += Math.max(0, pool.window - free);
                        size += pool.window;
                    }
                    String state = b.state() == BindState.BOUND && p.heldBack(now) ? BindState.THROTTLED.name()
                            : b.state().name();
                    binds.add(new DispatcherStatus.Bind(b.name(), b.carrierId(), state, b.stateSinceMillis(),
                            b.stateReason(), p.mode, free, p.learned, p.sentLastSecond(now)));
                }
                CarrierQuality q = pool.quality;
                carrierViews.add(new DispatcherStatus.Carrier(pool.carrierId, pool.mode, pool.state(),
                        q.state().name(), q.success(), q.latencyMillis(), q.delivered(), inUse, size,
                        (long) pool.submits.count(), count(pool, Outcome.TRANSIENT) + count(pool, Outcome.PERMANENT)
                                + count(pool, Outcome.UNANSWERED), count(pool, Outcome.THROTTLED), binds,
                        new DispatcherStatus.Share(pool.share.binds().size(), pool.share.clusterBinds(),
                                pool.share.maxSubmitsPerSecond(), pool.share.clusterMaxSubmitsPerSecond())));
            }
            List<DispatcherStatus.Tenant> tenants = new ArrayList<>();
            for (TenantLane lane : lanes) {
                tenants.add(new DispatcherStatus.Tenant(lane.tenantId(), lane.paused, lane.weight, lane.inboundDepth(),
                        lane.outboundDepth(), lane.carrierInFlight, lane.receivers.size(), lane.scheduledDepth()));
            }
            List<DispatcherStatus.RouteView> routes = new ArrayList<>();
            for (Route r : carriers.routing().table().routes()) {
                CarrierQuality[] qs = carriers.routing().qualities(r);
                List<DispatcherStatus.Candidate> candidates = new ArrayList<>();
                for (int k = 0; k < r.size(); k++) {
                    RouteCandidate c = r.get(k);
                    CarrierQuality q = qs == null ? null : qs[k];
                    candidates.add(new DispatcherStatus.Candidate(c.carrierId(), c.cost(), c.priority(), c.weight(),
                            q == null ? null : q.state().name(), q == null ? 1 : q.success(), q == null ? 1 : q.delivered()));
                }
                routes.add(new DispatcherStatus.RouteView(r.prefix(), r.tenants(), candidates));
            }
            DispatcherStatus.Cluster cluster = new DispatcherStatus.Cluster(carriers.cluster().instance(),
                    carriers.cluster().instances());
            return new DispatcherStatus(cluster, carrierViews, tenants, routes);
        });
    }

    private static long count(CarrierPool pool, Outcome o) {
        return (long) pool.responses[o.ordinal()].count();
    }

    private <T> CompletableFuture<T> run(Supplier<T> action) {
        CompletableFuture<T> out = new CompletableFuture<>();
        inbox.command(() -> {
            try {
                out.complete(action.get());
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }
}
