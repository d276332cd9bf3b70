package io.edgegw.core.dispatch;

import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.Ring;
import io.edgegw.core.spi.AckSink;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.CarrierBindListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What carrier binds report, from their I/O threads: submit answers to the dispatcher's {@link Inbox}, deliver_sm
 * straight to the journal's ring (they need journaling, not dispatching), state changes to the metrics.
 */
final class CarrierReports implements CarrierBindListener {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierReports.class);

    private final Inbox inbox;
    private final Ring ring;
    private final GatewayMetrics metrics;

    CarrierReports(Inbox inbox, Ring ring, GatewayMetrics metrics) {
        this.inbox = inbox;
        this.ring = ring;
        this.metrics = metrics;
    }

    @Override
    public void submitResponded(CarrierBind bind, OutboundSubmit submit, int commandStatus, String carrierMessageId) {
        inbox.submitAnswered(bind, submit, commandStatus, carrierMessageId);
    }

    @Override
    public void partsResponded(CarrierBind bind, OutboundSubmit submit, String[] carrierMessageIds) {
        inbox.submitAnswered(bind, submit, SmppStatus.ESME_ROK, carrierMessageIds[0], carrierMessageIds.clone());
    }

    @Override
    public void submitUnanswered(CarrierBind bind, OutboundSubmit submit) {
        inbox.submitAnswered(bind, submit, Inbox.UNANSWERED, null);
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
}
