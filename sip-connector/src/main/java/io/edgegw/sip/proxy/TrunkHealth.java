package io.edgegw.sip.proxy;

import io.edgegw.core.config.QualityConfig;
import io.edgegw.sip.config.SipProbeConfig;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a trunk is alive, from its answers to our OPTIONS (Kamailio dispatcher's probing): DOWN after
 * {@code downAfter} failed probes in a row, UP again after {@code upAfter} answered ones; and how it does with calls
 * ({@link TrunkQuality}). A trunk starts UP: a gateway just started must not refuse calls for a probe interval, and a
 * dead trunk still fails over by the call's own timers until its probes say DOWN. One WARN per change of state.
 * Lock-free.
 */
final class TrunkHealth {
    /** What an operator sees: DOWN (probes fail), INACTIVE (calls fail), else UP (probing calls count as UP). */
    enum State { UP, DOWN, INACTIVE }

    private static final Logger LOG = LoggerFactory.getLogger(TrunkHealth.class);

    final String carrierId;
    final SipProbeConfig probe;
    final TrunkQuality quality;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger failedInRow = new AtomicInteger();
    private final AtomicInteger answeredInRow = new AtomicInteger();
    private final AtomicLong probeFailures = new AtomicLong();
    /** The last probe's result ("200", "timeout", "503", "not sent: ...") and when (epoch ms; 0 = none yet). */
    private volatile String lastProbe = "";
    private volatile long lastProbeMillis;
    private final AtomicLong attempts = new AtomicLong();
    /** INVITEs sent in the current second (second0) and in the one before it. */
    private final AtomicLong second0 = new AtomicLong();
    private final AtomicInteger thisSecond = new AtomicInteger();
    private final AtomicInteger lastSecond = new AtomicInteger();
    private volatile Timer pdd;

    TrunkHealth(String carrierId, SipProbeConfig probe, QualityConfig quality) {
        this.carrierId = carrierId;
        this.probe = probe;
        this.quality = new TrunkQuality(carrierId, quality);
    }

    /** An answer to one of our OPTIONS; {@code status} 0 = none in time, {@code why} says what happened. */
    void probed(int status, String why) {
        lastProbe = why;
        lastProbeMillis = System.currentTimeMillis();
        if (status > 0 && probe.replyCodes().contains(status)) {
            failedInRow.set(0);
            if (answeredInRow.incrementAndGet() >= probe.upAfter() && down.compareAndSet(true, false)) {
                LOG.warn("SIP trunk of carrier {}: DOWN -> UP (answered OPTIONS {} {} time(s) in a row)", carrierId,
                        status, probe.upAfter());
            }
            return;
        }
        probeFailures.incrementAndGet();
        answeredInRow.set(0);
        if (failedInRow.incrementAndGet() >= probe.downAfter() && down.compareAndSet(false, true)) {
            LOG.warn("SIP trunk of carrier {}: UP -> DOWN ({} OPTIONS in a row failed, the last: {}; accepted answers "
                    + "{}); new calls skip it", carrierId, probe.downAfter(), why, probe.replyCodes());
        }
    }

    boolean down() {
        return down.get();
    }

    /** The state new calls see now (a rested INACTIVE trunk becomes PROBING, i.e. UP, here). */
    State state(long now) {
        if (down.get()) {
            return State.DOWN;
        }
        return quality.active(now) ? State.UP : State.INACTIVE;
    }

    /** The state for operators and meters: as {@link #state} but changing nothing. */
    State view(long now) {
        if (down.get()) {
            return State.DOWN;
        }
        return quality.resting(now) ? State.INACTIVE : State.UP;
    }

    /** An INVITE went to this trunk at {@code now}. */
    void attempted(long now) {
        attempts.incrementAndGet();
        long second = now / 1_000_000_000L;
        long current = second0.get();
        if (second != current && second0.compareAndSet(current, second)) {
            lastSecond.set(second == current + 1 ? thisSecond.getAndSet(0) : 0);
            thisSecond.set(0);
        }
        thisSecond.incrementAndGet();
    }

    /** INVITEs sent to it in the last whole second. */
    int callsPerSecond(long now) {
        long second = now / 1_000_000_000L;
        long current = second0.get();
        return second == current + 1 ? thisSecond.get() : second == current ? lastSecond.get() : 0;
    }

    long attempts() {
        return attempts.get();
    }

    /** Post-dial delay of one attempt: into the moving average and, once meters exist, the histogram. */
    void postDialDelay(long nanos) {
        quality.postDialDelay(nanos);
        Timer t = pdd;
        if (t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void meter(Timer postDialDelay) {
        this.pdd = postDialDelay;
    }

    long probeFailures() {
        return probeFailures.get();
    }

    String lastProbe() {
        return lastProbe;
    }

    long lastProbeMillis() {
        return lastProbeMillis;
    }
}
