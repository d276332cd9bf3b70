package io.edgegw.core.dispatch;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.pipeline.ScheduledCopy;

/**
 * One scheduled record handed to the journal to copy (into the inbound queue when due, or to the scheduled queue's
 * tail); it comes back as the {@link DispatcherEvent} saying whether the copy is on disk.
 */
final class ScheduledMove implements ScheduledCopy, DispatcherEvent {
    final ScheduledLane lane;
    final long ticket;
    final long index;
    private final long gatewayId;
    private final long acceptedMillis;
    private final long validUntilMillis;
    private final long dueMillis;
    private final ShortMessage message;
    private final boolean toInbound;
    /** Set by the journal's report before it crosses to the dispatcher. */
    volatile boolean onDisk;

    ScheduledMove(ScheduledLane lane, long ticket, long index, long gatewayId, long acceptedMillis,
                  long validUntilMillis, long dueMillis, ShortMessage message, boolean toInbound) {
        this.lane = lane;
        this.ticket = ticket;
        this.index = index;
        this.gatewayId = gatewayId;
        this.acceptedMillis = acceptedMillis;
        this.validUntilMillis = validUntilMillis;
        this.dueMillis = dueMillis;
        this.message = message;
        this.toInbound = toInbound;
    }

    @Override
    public void applyTo(Handler h, long now) {
        h.copied(this, now);
    }

    @Override
    public String tenantId() {
        return lane.tenantId();
    }

    @Override
    public long gatewayId() {
        return gatewayId;
    }

    @Override
    public long acceptedMillis() {
        return acceptedMillis;
    }

    @Override
    public long validUntilMillis() {
        return validUntilMillis;
    }

    @Override
    public long dueMillis() {
        return dueMillis;
    }

    @Override
    public ShortMessage message() {
        return message;
    }

    @Override
    public boolean toInbound() {
        return toInbound;
    }
}
