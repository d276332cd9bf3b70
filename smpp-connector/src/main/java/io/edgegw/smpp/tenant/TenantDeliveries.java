package io.edgegw.smpp.tenant;

import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.spi.TenantReceiver;
import io.edgegw.smpp.codec.OutboundBatch;
import io.edgegw.smpp.pdu.PduWriter;
import io.edgegw.smpp.window.SequenceNumbers;
import io.edgegw.smpp.window.Window;
import io.netty.channel.Channel;
import org.jsmpp.PDUStringException;

import java.util.concurrent.TimeUnit;

/**
 * The receiving half of a tenant session bound RX or TRX: the core's dispatcher offers deliver_sm here, the event
 * loop completes them from deliver_sm_resp, expires them by sweep, and hands every one still open back to the
 * core when the session ends.
 */
final class TenantDeliveries implements TenantReceiver {
    private final String tenantId;
    private final String name;
    private final Channel channel;
    /** deliver_sm gathered by the dispatcher thread, handed over on its flush */
    private final OutboundBatch batch;
    private final GatewayContext context;
    private final Window<TenantDelivery> window;
    private final long timeoutNanos;
    private volatile boolean open = true;

    TenantDeliveries(String tenantId, String name, Channel channel, GatewayContext context, int windowSize,
                     SequenceNumbers sequences, long timeoutMillis) {
        this.tenantId = tenantId;
        this.name = name;
        this.channel = channel;
        this.batch = new OutboundBatch(channel);
        this.context = context;
        this.window = new Window<>(Math.max(1, windowSize), sequences);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int availableWindow() {
        // a tenant not reading what we already wrote is offered nothing more until it does
        return open && channel.isActive() && channel.isWritable() ? window.available() : 0;
    }

    /** Dispatcher thread. */
    @Override
    public boolean offer(TenantDelivery delivery) {
        if (!open || !channel.isActive() || !channel.isWritable()) {
            return false;
        }
        int sequence = window.offer(delivery, System.nanoTime() + timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        try {
            PduWriter.deliverSm(batch.buffer(), sequence, delivery.message(), delivery.receiptedMessageId(),
                    delivery.messageState());
        } catch (PDUStringException e) {
            // Fields SMPP cannot carry: answer as a peer would, so the core decides rather than re-offering forever.
            if (window.complete(sequence) != null) {
                context.receiverListener().deliveryResponded(this, delivery, e.getErrorCode());
            }
            return true;
        }
        batch.written();
        return true;
    }

    /** Dispatcher thread. */
    @Override
    public void flush() {
        batch.flush();
    }

    /** Event loop: deliver_sm_resp (or a generic_nack) for one of ours. */
    void responded(int sequence, int commandStatus) {
        Window.Entry<TenantDelivery> entry = window.complete(sequence);
        if (entry != null) {
            context.receiverListener().deliveryResponded(this, entry.request(), commandStatus);
        }
    }

    /** Event loop, periodically. */
    void sweep() {
        window.sweep(System.nanoTime(), e -> context.receiverListener().deliveryUnanswered(this, e.request()));
    }

    /** Event loop: the session is unbinding; nothing new may be sent, answers still count. */
    void stopOffers() {
        open = false;
    }

    /** Event loop, once, when the session ends. */
    void close() {
        open = false;
        for (Window.Entry<TenantDelivery> entry : window.drain()) {
            context.receiverListener().deliveryUnanswered(this, entry.request());
        }
        context.unregisterReceiver(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
