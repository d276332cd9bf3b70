package io.edgegw.core.spi;

import io.edgegw.core.message.TenantDelivery;

/**
 * A tenant session bound as receiver or transceiver, implemented by a connector and fed deliver_sm by the
 * core's dispatcher thread; {@link #offer} and {@link #flush} come from that one thread only.
 */
public interface TenantReceiver {
    String tenantId();

    /** Unique, readable: tenant/remote#n. */
    String name();

    /** Free slots in the deliver_sm window right now. */
    int availableWindow();

    /** Writes one deliver_sm without flushing; false (keeping nothing) when closed or the window is full. */
    boolean offer(TenantDelivery delivery);

    void flush();
}
