package io.edgegw.core.dispatch;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.JournalFeed;
import io.edgegw.core.pipeline.Ring;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.spi.CarrierBindListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one dispatcher thread and its loop. Each round it applies what crossed into it through the {@link Inbox},
 * then lets the {@link FairScheduler} send tenants' messages to the binds {@link CarrierSelection} picks and the
 * {@link DeliveryPump} offer receipts and MO to tenants; carriers' answers go to {@link SubmitOutcomes}. It also
 * stops cleanly: nothing new is taken, what is in flight is answered and journaled.
 */
public final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long TICK_NANOS = 100_000_000L;
    private static final long ERROR_EVERY_NANOS = 10_000_000_000L;
    private static final long MAX_IDLE_PARK_NANOS = 1_000_000L;
    /**
     * Empty rounds in a row spent polling before the loop announces a sleep (about a millisecond: each park takes
     * at least the kernel's 50 us timer slack): reports a few hundred microseconds apart, as under load, are
     * picked up by these parks without any producer paying for an unpark; only a longer lull ends in a sleep.
     */
    private static final int POLLS_BEFORE_SLEEP = 10;
    private static final long POLL_NANOS = 50_000L;
    /** Longest sleep while something waits for time to pass (a retry's back-off, a bind coming back). */
    private static final long BUSY_SLEEP_NANOS = 1_000_000L;
    /** On exit, how long the last reports may take to be journaled and completed while the ring still runs. */
    private static final long SETTLE_NANOS = 1_000_000_000L;

    private final DispatchClock clock;
    private final JournalFeed journal;
    private final Inbox inbox;
    private final DispatchParts parts;
    private final DispatcherControl control;
    private final CarrierReports carrierReports;
    /** Longest sleep with nothing to do: until the next tick, unless a producer rings first. */
    private final long quietSleepNanos;
    private final Thread thread;
    private volatile boolean running = true;
    /** The gateway is stopping: nothing more is taken from the queues or sent; answers are still applied. */
    private volatile boolean stopping;
    /** While stopping: nothing is left in flight (see {@link #drained()}); dispatcher thread writes, any reads. */
    private volatile boolean drained;
    /** Submits at carriers and deliveries at tenants not yet answered, as last seen while stopping; any thread. */
    private volatile int unansweredAtCarriers;
    private volatile int unansweredAtTenants;
    private long lastTick;
    private long lastStatesPublished;

    /**
     * @param tenants the tenants' queues, indexed like {@code config.tenants()}
     * @param inbox   where binds, receivers and the journal report (made first: the journal reports to it)
     */
    public Dispatcher(GatewayConfig config, List<TenantQueues> tenants, Inbox inbox, Ring ring, GatewayMetrics metrics) {
        this(config, tenants, inbox, ring, new CarrierReports(inbox, ring, metrics), metrics, TICK_NANOS);
    }

    /**
     * @param journal         where answers go to be journaled ({@link Ring} when it runs)
     * @param carrierReports  where carrier binds report; null where none do (tests)
     * @param quietSleepNanos longest sleep with nothing to do (tests: very long, so only a ring can wake it in time)
     */
    Dispatcher(GatewayConfig config, List<TenantQueues> tenants, Inbox inbox, JournalFeed journal,
               CarrierReports carrierReports, GatewayMetrics metrics, long quietSleepNanos) {
        this.clock = DispatchClock.SYSTEM;
        this.journal = journal;
        this.inbox = inbox;
        this.parts = DispatchParts.wire(config, tenants, inbox, journal, metrics, clock);
        this.control = new DispatcherControl(inbox, parts.carriers(), parts.lanes(), clock);
        this.carrierReports = carrierReports;
        this.quietSleepNanos = quietSleepNanos;
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

    /** Where receivers, the journal and registrations report to this dispatcher, from any thread. */
    public Inbox inbox() {
        return inbox;
    }

    /** Where carrier binds report, from their I/O threads. */
    public CarrierBindListener carrierListener() {
        return carrierReports;
    }

    @Override
    public void run() {
        for (TenantLane lane : parts.lanes()) {
            lane.open();
        }
        int idle = 0;
        long lastError = Long.MIN_VALUE / 2;
        try {
            while (running) {
                long now = clock.nanoTime();
                long batches = inbox.journalBatches(); // before this round reads the queues
                int work = 0;
                try {
                    work = round(now);
                } catch (RuntimeException e) {
                    // a connector threw from offer/flush: keep serving everyone else; the message it held stays
                    // uncompleted on disk, so at worst it is sent again after a restart
                    if (now - lastError >= ERROR_EVERY_NANOS) {
                        lastError = now;
                        LOG.error("dispatcher round failed (further errors not logged for 10 s)", e);
                    }
                }
                tick(now);
                if (work > 0) {
                    idle = 0;
                } else if (++idle <= POLLS_BEFORE_SLEEP) {
                    LockSupport.parkNanos(POLL_NANOS);
                } else {
                    sleep(batches);
                }
            }
        } finally {
            try {
                settle();
            } finally {
                for (TenantLane lane : parts.lanes()) {
                    lane.close();
                }
            }
        }
    }

    /**
     * Sleeps until a producer rings ({@link Inbox}: a report, an operator's command, a batch the journal wrote),
     * a tick's time (100 ms), or, while something waits for time to pass ({@link DispatchParts#quiet()}), a
     * millisecond. An idle gateway's dispatcher so wakes about ten times a second, and a message arriving at it is
     * read at once.
     *
     * @param batches the journal's batches as read before the last round read the queues
     */
    private void sleep(long batches) {
        long nanos = parts.quiet() ? quietSleepNanos : BUSY_SLEEP_NANOS;
        Doorbell doorbell = inbox.doorbell;
        doorbell.announce();
        if (inbox.isEmpty() && inbox.journalBatches() == batches && running) { // stopTaking, close: unpark
            LockSupport.parkNanos(this, nanos);
        }
        doorbell.awake();
    }

    /** Whether the loop announced a sleep and nothing rang since (tests). */
    boolean asleep() {
        return inbox.doorbell.asleep();
    }

    /** One round of the parts; while stopping, also what is left in flight. */
    private int round(long now) {
        int work = parts.round(now, stopping);
        if (stopping) {
            unansweredAtCarriers = parts.scheduler().carrierInFlight();
            unansweredAtTenants = parts.deliveries().inFlight();
            drained = parts.drained();
        }
        return work;
    }

    /** Timed work a few times a second: the journal's tick, the carriers' states for the metrics. */
    private void tick(long now) {
        if (now - lastStatesPublished >= TICK_NANOS) {
            lastStatesPublished = now;
            parts.carriers().publishStates();
        }
        if (now - lastTick >= TICK_NANOS && journal.tick()) {
            lastTick = now;
        }
    }

    /**
     * On exit: the reports still in the inbox are applied and what they hand the journal comes back completed,
     * bounded by {@link #SETTLE_NANOS}. Sends nothing.
     */
    private void settle() {
        stopping = true;
        long deadline = clock.nanoTime() + SETTLE_NANOS;
        int idle = 0;
        while (clock.nanoTime() - deadline < 0) {
            int work;
            try {
                work = parts.round(clock.nanoTime(), true);
            } catch (RuntimeException e) {
                LOG.warn("dispatcher could not apply its last reports: {}", e.toString());
                return;
            }
            if (work == 0 && parts.settled()) {
                return;
            }
            if (work == 0) {
                LockSupport.parkNanos(Math.min(MAX_IDLE_PARK_NANOS, 1_000L << Math.min(idle++, 10)));
            } else {
                idle = 0;
            }
        }
    }

}
