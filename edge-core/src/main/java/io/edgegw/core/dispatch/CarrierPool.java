package io.edgegw.core.dispatch;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.tenant.SubmitRate;

import io.edgegw.core.spi.CarrierBind;
import io.micrometer.core.instrument.Counter;

import java.util.ArrayList;
import java.util.List;

/** The registered binds of one carrier, taken in turn so traffic spreads over them. Dispatcher thread only. */
final class CarrierPool {
    final String carrierId;
    final Counter submits;
    final Counter[] responses;
    private final List<CarrierBind> binds = new ArrayList<>();
    /** Parallel to binds: nanoTime until which a throttled bind gets nothing new. */
    private final List<long[]> pausedUntil = new ArrayList<>();
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
    /** Parallel to binds: each bind's rate, or null. */
    private final List<SubmitRate> bindRates = new ArrayList<>();

    CarrierPool(CarrierConfig carrier, Counter submits, Counter[] responses) {
        this.carrierId = carrier.id();
        this.reserve = Math.max(1, (carrier.window() + 9) / 10);
        // a tenth of a second's worth at once: smooth enough for a carrier counting per second
        this.rate = carrier.maxSubmitsPerSecond() > 0 ? new SubmitRate(carrier.maxSubmitsPerSecond(),
                Math.max(1, carrier.maxSubmitsPerSecond() / 10), System.nanoTime()) : null;
        this.bindRate = carrier.bindMaxSubmitsPerSecond();
        this.submits = submits;
        this.responses = responses;
    }

    void add(CarrierBind bind) {
        if (!binds.contains(bind)) {
            binds.add(bind);
            pausedUntil.add(new long[1]);
            bindRates.add(bindRate > 0 ? new SubmitRate(bindRate, Math.max(1, bindRate / 10), System.nanoTime()) : null);
        }
    }

    void remove(CarrierBind bind) {
        int i = binds.indexOf(bind);
        if (i >= 0) {
            binds.remove(i);
            pausedUntil.remove(i);
            bindRates.remove(i);
        }
    }

    /** A message went out on {@code bind}: it counts against the carrier's and the bind's rates. */
    void sent(CarrierBind bind, long now) {
        if (rate != null) {
            rate.tryAcquire(now);
        }
        if (bindRate > 0) {
            int i = binds.indexOf(bind);
            if (i >= 0) {
                bindRates.get(i).tryAcquire(now);
            }
        }
    }

    void pause(CarrierBind bind, long untilNanos) {
        int i = binds.indexOf(bind);
        if (i >= 0) {
            pausedUntil.get(i)[0] = untilNanos;
        }
    }

    /**
     * A ready bind with a free window slot and not paused, preferring one other than {@code avoid}; or null.
     * Without {@code mayUseReserve} a bind counts as full once only its {@link #reserve} slots are left.
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
            CarrierBind b = binds.get(k);
            if (now - pausedUntil.get(k)[0] < 0 || !b.isReady() || b.availableWindow() <= floor
                    || (bindRates.get(k) != null && !bindRates.get(k).available(now))) {
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
