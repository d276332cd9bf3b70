package io.edgegw.core.support;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the SMPP connector's carrier bind: records what it is offered and lets the test answer. */
public final class TestBind implements CarrierBind {
    private final String carrierId;
    private final String name;
    private final int window;
    private final AtomicInteger outstanding = new AtomicInteger();
    public final List<OutboundSubmit> offered = new CopyOnWriteArrayList<>();
    public volatile boolean ready = true;
    /** What operators asked of it through {@link #setEnabled}, in order. */
    public final List<Boolean> enabledCalls = new CopyOnWriteArrayList<>();

    public TestBind(String carrierId, String name, int window) {
        this.carrierId = carrierId;
        this.name = name;
        this.window = window;
    }

    @Override
    public String carrierId() {
        return carrierId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BindState state() {
        return ready ? BindState.BOUND : BindState.DOWN;
    }

    @Override
    public void setEnabled(boolean enabled) {
        enabledCalls.add(enabled);
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public int availableWindow() {
        return window - outstanding.get();
    }

    @Override
    public boolean offer(OutboundSubmit submit) {
        if (!ready || availableWindow() <= 0) {
            return false;
        }
        outstanding.incrementAndGet();
        offered.add(submit);
        return true;
    }

    /** The test answered one submit (response or unanswered): its window slot frees up. */
    public void answered() {
        outstanding.decrementAndGet();
    }

    @Override
    public void flush() {
    }
}
