package io.edgegw.core.dispatch;

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

    CarrierPool(String carrierId, int window, Counter submits, Counter[] responses) {
        this.carrierId = carrierId;
        this.reserve = Math.max(1, (window + 9) / 10);
        this.submits = submits;
        this.responses = responses;
    }

    void add(CarrierBind bind) {
        if (!binds.contains(bind)) {
            binds.add(bind);
            pausedUntil.add(new long[1]);
        }
    }

    void remove(CarrierBind bind) {
        int i = binds.indexOf(bind);
        if (i >= 0) {
            binds.remove(i);
            pausedUntil.remove(i);
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
        int floor = mayUseReserve ? 0 : reserve;
        int n = binds.size();
        CarrierBind fallback = null;
        for (int i = 0; i < n; i++) {
            int k = (next + i) % n;
            CarrierBind b = binds.get(k);
            if (now - pausedUntil.get(k)[0] < 0 || !b.isReady() || b.availableWindow() <= floor) {
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
