package io.edgegw.core.dispatch;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.JournalListener;
import io.edgegw.core.pipeline.Ring;
import io.edgegw.core.spi.AckSink;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.CarrierBindListener;
import io.edgegw.core.spi.TenantReceiver;
import io.edgegw.core.spi.TenantReceiverListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What binds, receivers and the journal tell the dispatcher, from their own threads: recorded and handed over,
 * never acted on here. A {@link ConcurrentLinkedQueue} carries it: lock-free, multi-producer and unbounded, so an
 * I/O thread never has to fail or wait to report an outcome (their number is bounded anyway by the windows in
 * flight). The cost is one small report and one queue node per outcome; JCTools is not on the classpath, and a
 * second ring would need a policy for "full" that has no good answer for an outcome that must not be lost.
 * Carrier deliver_sm go straight to the journal's ring instead: they need journaling, not dispatching.
 */
public final class Inbox implements CarrierBindListener, TenantReceiverListener, JournalListener {
    /** Not an SMPP status (those are non-negative): marks "no answer at all". */
    static final int UNANSWERED = -1;
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final ConcurrentLinkedQueue<Object> reports = new ConcurrentLinkedQueue<>();
    private final Ring ring;

    private final GatewayMetrics metrics;

    Inbox(Ring ring, GatewayMetrics metrics) {
        this.ring = ring;
        this.metrics = metrics;
    }

    Object poll() {
        return reports.poll();
    }

    public void register(CarrierBind bind) {
        reports.add(new Registration(bind, true));
    }

    public void unregister(CarrierBind bind) {
        reports.add(new Registration(bind, false));
    }

    public void register(TenantReceiver receiver) {
        reports.add(new Registration(receiver, true));
    }

    public void unregister(TenantReceiver receiver) {
        reports.add(new Registration(receiver, false));
    }

    @Override
    public void submitResponded(CarrierBind bind, OutboundSubmit submit, int commandStatus, String carrierMessageId) {
        reports.add(new SubmitReport(bind, (InFlightSubmit) submit, commandStatus, carrierMessageId));
    }

    @Override
    public void submitUnanswered(CarrierBind bind, OutboundSubmit submit) {
        reports.add(new SubmitReport(bind, (InFlightSubmit) submit, UNANSWERED, null));
    }

    @Override
    public boolean deliverReceived(CarrierBind bind, CarrierDelivery delivery, AckSink ack, int sequenceNumber) {
        return ring.carrierDelivery(bind.carrierId(), delivery, ack, sequenceNumber);
    }

    @Override
    public void bindStateChanged(CarrierBind bind, BindState from, BindState to, String reason) {
        // The connector logs each change where it happens; one INFO line per change is enough.
        LOG.debug("carrier bind {} {} -> {}: {}", bind.name(), from, to, reason);
        metrics.bindStateChanged(bind.carrierId(), bind.name(), from, to);
    }

    @Override
    public void deliveryResponded(TenantReceiver receiver, TenantDelivery delivery, int commandStatus) {
        reports.add(new DeliveryReport((PendingDelivery) delivery, commandStatus, receiver.name()));
    }

    @Override
    public void deliveryUnanswered(TenantReceiver receiver, TenantDelivery delivery) {
        reports.add(new DeliveryReport((PendingDelivery) delivery, UNANSWERED, receiver.name()));
    }

    @Override
    public void journaled(OutboundSubmit submit) {
        reports.add(submit);
    }

    @Override
    public void receipted(String carrierId, String tenantId, String number, boolean delivered) {
        reports.add(new ReceiptReport(carrierId, tenantId, number, delivered));
    }

    @Override
    public void deadLettered(TenantDelivery delivery, boolean onDisk) {
        reports.add(new DeadLettered((PendingDelivery) delivery, onDisk));
    }

    record SubmitReport(CarrierBind bind, InFlightSubmit submit, int status, String carrierMessageId) {
    }

    /** @param receiver the name of the tenant bind that answered (or did not) */
    record DeliveryReport(PendingDelivery delivery, int status, String receiver) {
    }

    record Registration(Object target, boolean add) {
    }

    /** The journal kept a delivery in its tenant's dead-letter queue, or could not. */
    record DeadLettered(PendingDelivery delivery, boolean onDisk) {
    }

    /** A final receipt's verdict on the carrier that took the message; {@code number} is the handset's. */
    record ReceiptReport(String carrierId, String tenantId, String number, boolean delivered) {
    }

    /** Something to do on the dispatcher thread: an operator action or a status view. */
    record Command(Runnable action) {
    }

    void command(Runnable action) {
        reports.add(new Command(action));
    }
}
