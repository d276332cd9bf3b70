package io.edgegw.sip.proxy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last {@code size} yes/no outcomes (e.g. a trunk's call attempts), lock-free: each slot is swapped atomically and
 * the counts follow the swap, so they always match what the slots hold once writers are done.
 */
final class OutcomeWindow {
    private static final int EMPTY = 0;
    private static final int YES = 1;
    private static final int NO = 2;

    private final AtomicIntegerArray slots;
    private final AtomicLong next = new AtomicLong();
    private final AtomicInteger filled = new AtomicInteger();
    private final AtomicInteger yes = new AtomicInteger();

    OutcomeWindow(int size) {
        slots = new AtomicIntegerArray(size);
    }

    void add(boolean outcome) {
        int slot = (int) (next.getAndIncrement() % slots.length());
        swap(slot, outcome ? YES : NO);
    }

    /** Forgets every outcome (a trunk back from its rest is judged afresh). */
    void clear() {
        for (int i = 0; i < slots.length(); i++) {
            swap(i, EMPTY);
        }
    }

    private void swap(int slot, int value) {
        int old = slots.getAndSet(slot, value);
        if (old == EMPTY && value != EMPTY) {
            filled.incrementAndGet();
        } else if (old != EMPTY && value == EMPTY) {
            filled.decrementAndGet();
        }
        if (old == YES) {
            yes.decrementAndGet();
        }
        if (value == YES) {
            yes.incrementAndGet();
        }
    }

    /** Outcomes held (at most the window's size). */
    int samples() {
        return Math.max(0, filled.get());
    }

    int no() {
        return Math.max(0, filled.get() - yes.get());
    }

    /** Share of yes among the outcomes held; {@code ifEmpty} when there are none. */
    double ratio(double ifEmpty) {
        int n = filled.get();
        return n <= 0 ? ifEmpty : Math.min(1.0, Math.max(0, yes.get()) / (double) n);
    }
}
