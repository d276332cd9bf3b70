package io.edgegw.core.support;

import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.spi.TenantReceiver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for a tenant's receiver session: records deliver_sm offered to it. */
public final class TestReceiver implements TenantReceiver {
    private final String tenantId;
    public final List<TenantDelivery> offered = new CopyOnWriteArrayList<>();

    public TestReceiver(String tenantId) {
        this.tenantId = tenantId;
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
        return 10;
    }

    @Override
    public boolean offer(TenantDelivery delivery) {
        offered.add(delivery);
        return true;
    }

    @Override
    public void flush() {
    }
}
