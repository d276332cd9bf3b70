package io.edgegw.core.dispatch;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.CarrierShare;
import io.edgegw.core.config.QualityConfig;
import io.edgegw.core.tenant.SubmitRate;

import io.edgegw.core.spi.CarrierBind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;

import java.util.ArrayList;
import java.util.List;

/**
 * The registered binds of one carrier, taken in turn so traffic spreads over them, each paced by what the carrier
 * told it: the configured rates, and a rate learned from ESME_RTHROTTLED / ESME_RMSGQFUL answers (additive
 * increase, multiplicative decrease, as TCP does with its window). Dispatcher thread only.
 */
final class CarrierPool {
    /** After a throttled answer the bind sends nothing for this long (its in-flight answers come back meanwhile). */
    static final long THROTTLE_PAUSE_NANOS = 50_000_000L;
    /** At most one halving per this long: a window's worth of throttled answers arrives together. */
    static final long DECREASE_EVERY_NANOS = 200_000_000L;
    /** The learned rate grows this often while answers are not throttled. */
    static final long INCREASE_EVERY_NANOS = 100_000_000L;

    final String carrierId;
    final int window;
    final CarrierQuality quality;
    /** What an operator said: DRAINING and DISABLED take no new messages. */
    OperatorMode mode = OperatorMode.ENABLED;
    final Counter submits;
    final Counter[] responses;
    /** submit_sm to submit_sm_resp, whatever the status (unanswered ones are not timed). */
    final Timer responseTime;
    private final List<Pace> binds = new ArrayList<>();
    private int next;

    /**
     * The last window slots of each bind, kept for tenants below their share while several tenants are active:
     * one tenant's backlog fills every slot the moment it frees, and a quiet tenant would otherwise wait for the
     * next batch of answers.
     */
    final int reserve;

    /** The carrier's own rate (null = none), and the rate each bind may send at (0 = none). */
    private final SubmitRate rate;
    private final int bindRate;

    /** {@link #state()} as last published for the scrape thread ({@link #publishState()}). */
    private volatile DestinationState published = DestinationState.INACTIVE;

    /** This instance's part of the carrier: its binds and its rate, shown in the status. */
    final CarrierShare share;

    /**
     * @param share this instance's part of the carrier, whose rate it keeps to
     * @param now   the dispatcher clock's time, where the carrier's rate starts counting
     */
    CarrierPool(CarrierConfig carrier, CarrierShare share, QualityConfig qualityConfig, Counter submits,
                Counter[] responses, Timer responseTime, long now) {
        this.share = share;
        this.responseTime = responseTime;
        this.carrierId = carrier.id();
        this.window = carrier.window();
        this.quality = new CarrierQuality(carrier.id(), qualityConfig);
        this.reserve = Math.max(1, (carrier.window() + 9) / 10);
        // a tenth of a second's worth at once: smooth enough for a carrier counting per second
        int perSecond = share.maxSubmitsPerSecond();
        this.rate = perSecond > 0 ? new SubmitRate(perSecond, Math.max(1, perSecond / 10), now) : null;
        this.bindRate = carrier.bindMaxSubmitsPerSecond();
        this.submits = submits;
        this.responses = responses;
    }

    /** One bind and how it is paced. */
    static final class Pace {
        final CarrierBind bind;
        final SubmitRate configured;
        /** What an operator said of this bind: DRAINING and DISABLED take no new messages. */
        OperatorMode mode = OperatorMode.ENABLED;
        long pausedUntil;
        /** Learned msg/s since a throttled answer; 0 = not limited. */
        double learned;
        double tokens;
        long lastRefill;
        long lastDecrease = Long.MIN_VALUE / 2;
        long lastIncrease;
        double step;
        /** Sends in the current and the previous second, to know the rate that was too much. */
        int thisSecond;
        int lastSecond;
        long secondStart;

        Pace(CarrierBind bind, int bindRate, long now) {
            this.bind = bind;
            this.configured = bindRate > 0 ? new SubmitRate(bindRate, Math.max(1, bindRate / 10), now) : null;
            this.secondStart = now;
        }

        /** Bound, but held back by what the carrier said: paused after a throttled answer or at a learned rate. */
        boolean heldBack(long now) {
            return now - pausedUntil < 0 || learned > 0;
        }

        boolean mayOffer(long now) {
            if (mode != OperatorMode.ENABLED || now - pausedUntil < 0 || (configured != null && !configured.available(now))) {
                return false;
            }
            if (learned > 0) {
                tokens = Math.min(Math.max(1, learned / 10), tokens + learned * (now - lastRefill) / 1e9);
                lastRefill = now;
                return tokens >= 1;
            }
            return true;
        }

        void sent(long now) {
            if (configured != null) {
                configured.tryAcquire(now);
            }
            if (learned > 0) {
                tokens -= 1;
            }
            if (now - secondStart >= 1_000_000_000L) {
                lastSecond = now - secondStart < 2_000_000_000L ? thisSecond : 0;
                thisSecond = 0;
                secondStart = now;
            }
            thisSecond++;
        }

        /** Sends in the last whole second (0 if it sent nothing for longer). */
        int sentLastSecond(long now) {
            long age = now - secondStart;
            return age < 1_000_000_000L ? lastSecond : age < 2_000_000_000L ? thisSecond : 0;
        }

        void throttled(long now) {
            pausedUntil = now + THROTTLE_PAUSE_NANOS;
            if (now - lastDecrease < DECREASE_EVERY_NANOS) {
                return;
            }
            double base = learned > 0 ? learned : Math.max(thisSecond, lastSecond);
            learned = Math.max(1, base / 2);
            step = Math.max(1, learned / 10);
            tokens = 0;
            lastRefill = now;
            lastDecrease = now;
            lastIncrease = now;
        }

        void accepted(long now) {
            if (learned > 0 && now - lastIncrease >= INCREASE_EVERY_NANOS) {
                learned += step;
                lastIncrease = now;
            }
        }
    }

    void add(CarrierBind bind, long now) {
        if (find(bind) == null) {
            binds.add(new Pace(bind, bindRate, now));
        }
    }

    void remove(CarrierBind bind) {
        Pace p = find(bind);
        if (p != null) {
            binds.remove(p);
        }
    }

    /**
     * Whether it takes traffic now ({@link DestinationState}): what an operator said of it or of all its binds first,
     * then whether a bind left in use is bound, then its quality.
     */
    DestinationState state() {
        if (mode != OperatorMode.ENABLED) {
            return DestinationState.DISABLED;
        }
        boolean anyInUse = false;
        boolean anyReady = false;
        for (int i = 0; i < binds.size(); i++) {
            Pace p = binds.get(i);
            if (p.mode == OperatorMode.ENABLED) {
                anyInUse = true;
                anyReady |= p.bind.isReady();
            }
        }
        if (!anyInUse && !binds.isEmpty()) {
            return DestinationState.DISABLED; // an operator drained or disabled every bind
        }
        return anyReady ? quality.state() : DestinationState.INACTIVE;
    }

    /** Takes {@link #state()} now for {@link #publishedState()}; dispatcher thread, a few times a second. */
    void publishState() {
        published = state();
    }

    /** The state as last published: for the scrape thread, which may not read the binds. */
    DestinationState publishedState() {
        return published;
    }

    /** The binds and how each is paced, for status views; dispatcher thread only. */
    List<Pace> binds() {
        return binds;
    }

    Pace find(CarrierBind bind) {
        for (int i = 0; i < binds.size(); i++) {
            if (binds.get(i).bind == bind) {
                return binds.get(i);
            }
        }
        return null;
    }

    /** A message went out on {@code bind}: it counts against the carrier's and the bind's rates. */
    void sent(CarrierBind bind, long now) {
        if (rate != null) {
            rate.tryAcquire(now);
        }
        Pace p = find(bind);
        if (p != null) {
            p.sent(now);
        }
    }

    /** The carrier answered ESME_RTHROTTLED or ESME_RMSGQFUL on {@code bind}: slow that bind down. */
    void throttled(CarrierBind bind, long now) {
        Pace p = find(bind);
        if (p != null) {
            p.throttled(now);
        }
    }

    /** The carrier took a message on {@code bind}: a learned rate may grow again. */
    void accepted(CarrierBind bind, long now) {
        Pace p = find(bind);
        if (p != null) {
            p.accepted(now);
        }
    }

    /** The learned rate of {@code bind} in msg/s, 0 when it has not been throttled (for tests and metrics). */
    double learnedRate(CarrierBind bind) {
        Pace p = find(bind);
        return p == null ? 0 : p.learned;
    }

    /**
     * The bind the parts of the long message of {@code hash} go to: the one the hash picks among all of the carrier's
     * binds, or when it is not in use (an operator took it out, or it is not bound) the next one in order that is;
     * null when none is. Whether it has room now is not asked: a part waits for its bind
     * ({@link CarrierSelection#send}).
     */
    Pace partBind(int hash) {
        int n = binds.size();
        if (n == 0) {
            return null;
        }
        int start = Math.floorMod(hash, n);
        for (int i = 0; i < n; i++) {
            Pace p = binds.get((start + i) % n);
            if (p.mode == OperatorMode.ENABLED && p.bind.isReady()) {
                return p;
            }
        }
        return null;
    }

    /**
     * Whether {@code p} may take a message now: the carrier's own rate, the bind's window (its {@link #reserve}
     * slots only when {@code mayUseReserve}) and its pace.
     */
    boolean hasRoom(Pace p, long now, boolean mayUseReserve) {
        return (rate == null || rate.available(now)) && p.bind.availableWindow() > (mayUseReserve ? 0 : reserve)
                && p.mayOffer(now);
    }

    /**
     * A ready bind with a free window slot and not held back by its pace, preferring one other than {@code avoid};
     * or null. Without {@code mayUseReserve} a bind counts as full once only its {@link #reserve} slots are left.
     */
    CarrierBind pick(long now, CarrierBind avoid, boolean mayUseReserve) {
        if (rate != null && !rate.available(now)) {
            return null; // the carrier's own rate is used up for now
        }
        int floor = mayUseReserve ? 0 : reserve;
        int n = binds.size();
        CarrierBind fallback = null;
        for (int i = 0; i < n; i++) {
            int k = (next + i) % n;
            Pace p = binds.get(k);
            CarrierBind b = p.bind;
            if (!b.isReady() || b.availableWindow() <= floor || !p.mayOffer(now)) {
                continue;
            }
            if (b == avoid && n > 1) {
                fallback = b;
                continue;
            }
            next = (k + 1) % n;
            return b;
        }
        return fallback;
    }
}
