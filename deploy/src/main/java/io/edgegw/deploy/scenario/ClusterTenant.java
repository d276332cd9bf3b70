package io.edgegw.deploy.scenario;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import org.jsmpp.SMPPConstant;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * A tenant of the cluster scenario: {@code sessions} transceiver binds through the balancer, each kept bound as an
 * ESME keeps its binds: when one closes (its instance was killed, or asked it to unbind) it binds again after a
 * short pause, through the balancer, to whichever instance that picks. All binds share one {@link SubmitSchedule}
 * and one {@link TenantLedger}.
 */
final class ClusterTenant implements AutoCloseable {
    private static final long REBIND_MILLIS = 200;
    private static final long BIND_RESPONSE_MILLIS = 10_000;

    final String id;
    final TenantLedger ledger;
    final SubmitSchedule schedule;
    private final int window;
    private final int port;
    private final String source;
    private final IntFunction<String> destinations;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final AtomicReferenceArray<TenantBind> bound;
    private final AtomicInteger binds = new AtomicInteger();
    private volatile boolean running = true;
    private volatile boolean submitting;

    /** @param source the source_addr it submits from, its own: receipts come back addressed to it */
    ClusterTenant(String id, int sessions, int window, int port, SubmitSchedule schedule, TenantLedger ledger,
                  String source, IntFunction<String> destinations) {
        this.source = source;
        this.id = id;
        this.window = window;
        this.port = port;
        this.schedule = schedule;
        this.ledger = ledger;
        this.destinations = destinations;
        this.bound = new AtomicReferenceArray<>(sessions);
    }

    /** Starts binding every session; {@link #boundSessions()} tells how many are bound. */
    void start() {
        for (int slot = 0; slot < bound.length(); slot++) {
            connect(slot);
        }
    }

    private void connect(int slot) {
        if (!running) {
            return;
        }
        TenantBind bind = new TenantBind(id, id, window, schedule, ledger, source, destinations);
        ChannelFuture connect = ScenarioTenant.connect(group, port, bind);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                later(slot);
                return;
            }
            // no bind_resp in time (an instance that hangs): give up on this connection, which closes it
            group.schedule(() -> {
                if (!bind.bound.isDone()) {
                    connect.channel().close();
                }
            }, BIND_RESPONSE_MILLIS, TimeUnit.MILLISECONDS);
        });
        bind.bound.thenAccept(status -> {
            if (status == SMPPConstant.STAT_ESME_ROK) {
                bound.set(slot, bind);
                binds.incrementAndGet();
                if (submitting) {
                    bind.startSubmitting();
                }
            }
        });
        bind.closed.thenRun(() -> {
            bound.compareAndSet(slot, bind, null);
            later(slot);
        });
    }

    private void later(int slot) {
        if (running && !group.isShuttingDown()) {
            group.schedule(() -> connect(slot), REBIND_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Sessions bound now. */
    int boundSessions() {
        int n = 0;
        for (int i = 0; i < bound.length(); i++) {
            n += bound.get(i) != null ? 1 : 0;
        }
        return n;
    }

    /** Successful binds so far, the first ones included. */
    int binds() {
        return binds.get();
    }

    int sessions() {
        return bound.length();
    }

    /** Starts the schedule and every bound session submitting; sessions bound later start at once. */
    void startSubmitting() {
        schedule.restart(System.nanoTime());
        submitting = true;
        for (int i = 0; i < bound.length(); i++) {
            TenantBind b = bound.get(i);
            if (b != null) {
                b.startSubmitting();
            }
        }
    }

    int outstanding() {
        int n = 0;
        for (int i = 0; i < bound.length(); i++) {
            TenantBind b = bound.get(i);
            n += b != null ? b.outstanding() : 0;
        }
        return n;
    }

    /** Every message issued (or sent again) and none waiting for an answer. */
    boolean doneSubmitting() {
        return schedule.exhausted() && outstanding() == 0;
    }

    /** Binds no more and unbinds every session (the gateways close them). */
    void unbind() throws InterruptedException {
        running = false;
        for (int i = 0; i < bound.length(); i++) {
            TenantBind b = bound.get(i);
            if (b != null) {
                b.unbind();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (boundSessions() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        running = false;
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
