package io.edgegw.core.dispatch;

import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.TenantReceiver;

/**
 * Everything that crosses into the dispatcher thread through its {@link Inbox}, one type per kind. Read in one
 * place with {@link #applyTo}: each kind calls its own method of {@link Handler}, so a new kind does not compile
 * until the dispatcher handles it (plain Java 17: no preview switch patterns). A message whose journal record is on
 * disk comes back as its own {@link InFlightSubmit}, so that report allocates nothing.
 */
sealed interface DispatcherEvent permits DispatcherEvent.SubmitAnswer, InFlightSubmit, DispatcherEvent.DeliveryAnswer,
        DispatcherEvent.DeadLettered, DispatcherEvent.ReceiptVerdict, DispatcherEvent.BindRegistration,
        DispatcherEvent.ReceiverRegistration, DispatcherEvent.Command, ScheduledMove {

    /** Calls the method of {@code h} for this kind; {@code now} is the round's time on the dispatcher clock. */
    void applyTo(Handler h, long now);

    /** What the dispatcher does with each kind; called on its thread only. */
    interface Handler {
        void submitAnswered(SubmitAnswer a, long now);

        /** The correlation or failed receipt {@code s} waited for is on disk: it may be completed. */
        void journaled(InFlightSubmit s, long now);

        void deliveryAnswered(DeliveryAnswer a, long now);

        void deadLettered(DeadLettered d, long now);

        void receipted(ReceiptVerdict r, long now);

        void bindRegistered(BindRegistration r, long now);

        void receiverRegistered(ReceiverRegistration r, long now);

        void command(Command c, long now);

        /** The journal copied a scheduled record (or could not, {@code onDisk} false). */
        void copied(ScheduledMove m, long now);
    }

    /** A carrier's submit_sm_resp, or none ({@code status} {@link Inbox#UNANSWERED}): timed out or the bind lost. */
    record SubmitAnswer(CarrierBind bind, InFlightSubmit submit, int status, String carrierMessageId,
                        String[] partIds) implements DispatcherEvent {
        @Override
        public void applyTo(Handler h, long now) {
            h.submitAnswered(this, now);
        }
    }

    /** A tenant's deliver_sm_resp or none; {@code receiver} names the tenant bind that answered (or did not). */
    record DeliveryAnswer(PendingDelivery delivery, int status, String receiver) implements DispatcherEvent {
        @Override
        public void applyTo(Handler h, long now) {
            h.deliveryAnswered(this, now);
        }
    }

    /** The journal kept a delivery in its tenant's dead-letter queue ({@code onDisk}), or could not. */
    record DeadLettered(PendingDelivery delivery, boolean onDisk) implements DispatcherEvent {
        @Override
        public void applyTo(Handler h, long now) {
            h.deadLettered(this, now);
        }
    }

    /** A final receipt's verdict on the carrier that took the message; {@code number} is the handset's. */
    record ReceiptVerdict(String carrierId, String tenantId, String number, boolean delivered)
            implements DispatcherEvent {
        @Override
        public void applyTo(Handler h, long now) {
            h.receipted(this, now);
        }
    }

    /** A carrier bind the connector made ({@code add}) or closed for good. */
    record BindRegistration(CarrierBind bind, boolean add) implements DispatcherEvent {
        @Override
        public void applyTo(Handler h, long now) {
            h.bindRegistered(this, now);
        }
    }

    /** A tenant session bound to receive ({@code add}) or gone. */
    record ReceiverRegistration(TenantReceiver receiver, boolean add) implements DispatcherEvent {
        @Override
        public void applyTo(Handler h, long now) {
            h.receiverRegistered(this, now);
        }
    }

    /** Something to do on the dispatcher thread: an operator action or a status view. */
    record Command(Runnable action) implements DispatcherEvent {
        @Override
        public void applyTo(Handler h, long now) {
            h.command(this, now);
        }
    }
}
