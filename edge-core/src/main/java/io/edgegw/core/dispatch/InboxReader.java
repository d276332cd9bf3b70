package io.edgegw.core.dispatch;

/** Takes what crossed into the dispatcher thread from its {@link Inbox} and hands each event to the part it concerns. */
final class InboxReader implements DispatcherEvent.Handler {
    /** Most events applied per round, so sending is not starved by a flood of answers. */
    static final int MAX_PER_ROUND = 4096;

    private final Inbox inbox;
    private final FairScheduler scheduler;
    private final CarrierSelection carriers;
    private final SubmitOutcomes outcomes;
    private final DeliveryPump deliveries;

    InboxReader(Inbox inbox, FairScheduler scheduler, CarrierSelection carriers, SubmitOutcomes outcomes,
                DeliveryPump deliveries) {
        this.inbox = inbox;
        this.scheduler = scheduler;
        this.carriers = carriers;
        this.outcomes = outcomes;
        this.deliveries = deliveries;
    }

    /** Applies what is waiting, up to {@link #MAX_PER_ROUND}; how many events there were. */
    int drain(long now) {
        int n = 0;
        DispatcherEvent e;
        while (n < MAX_PER_ROUND && (e = inbox.poll()) != null) {
            n++;
            e.applyTo(this, now);
        }
        return n;
    }

    @Override
    public void submitAnswered(DispatcherEvent.SubmitAnswer a, long now) {
        InFlightSubmit s = a.submit();
        scheduler.slotFreed(s); // whatever the answer, its window slot is free again
        carriers.answered(a.bind(), s, a.status(), now);
        s.carrierPartIds = a.partIds();
        outcomes.answered(s, a.bind(), a.status(), a.carrierMessageId(), now);
    }

    @Override
    public void journaled(InFlightSubmit s, long now) {
        outcomes.journaled(s);
    }

    @Override
    public void deliveryAnswered(DispatcherEvent.DeliveryAnswer a, long now) {
        deliveries.answered(a, now);
    }

    @Override
    public void deadLettered(DispatcherEvent.DeadLettered d, long now) {
        deliveries.deadLettered(d, now);
    }

    @Override
    public void receipted(DispatcherEvent.ReceiptVerdict r, long now) {
        carriers.receipted(r, now);
    }

    @Override
    public void bindRegistered(DispatcherEvent.BindRegistration r, long now) {
        carriers.register(r.bind(), r.add(), now);
    }

    @Override
    public void receiverRegistered(DispatcherEvent.ReceiverRegistration r, long now) {
        deliveries.register(r.receiver(), r.add());
    }

    @Override
    public void copied(ScheduledMove m, long now) {
        m.lane.copied(m);
    }

    @Override
    public void command(DispatcherEvent.Command c, long now) {
        c.action().run();
    }
}
