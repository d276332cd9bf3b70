package io.edgegw.core.dispatch;

import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.spi.TenantReceiver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for a tenant's receiver session: a window of deliver_sm, each held until the test answers it. */
final class WindowedReceiver implements TenantReceiver {
    private final String tenantId;
    private final int window;
    private int outstanding;
    final List<TenantDelivery> offered = new CopyOnWriteArrayList<>();
    /** As a channel that stopped taking writes: no room, and nothing tells the dispatcher when it is back. */
    volatile boolean writable = true;

    WindowedReceiver(String tenantId, int window) {
        this.tenantId = tenantId;
        this.window = window;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String name() {
        return tenantId + "/test#1";
    }

    @Override
    public int availableWindow() {
        return writable ? window - outstanding : 0;
    }

    @Override
    public boolean offer(TenantDelivery delivery) {
        if (outstanding >= window) {
            return false;
        }
        outstanding++;
        offered.add(delivery);
        return true;
    }

    /** The tenant answered one deliver_sm (or it timed out): its slot is free. */
    void answered() {
        outstanding--;
    }

    @Override
    public void flush() {
    }
}
