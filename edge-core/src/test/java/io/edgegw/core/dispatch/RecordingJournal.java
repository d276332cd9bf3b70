package io.edgegw.core.dispatch;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.pipeline.JournalFeed;
import io.edgegw.core.pipeline.ScheduledCopy;

import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the journal's ring: keeps what the dispatcher hands it, in order, and refuses while {@link #full}
 * (a ring with no room). {@link DispatchFixture#journalAll()} then reports it written, as the journal thread does.
 */
final class RecordingJournal implements JournalFeed {
    record Correlation(OutboundSubmit submit, String carrierId, String carrierMessageId) {
    }

    record FailedReceipt(OutboundSubmit submit, String stat, int status) {
    }

    record DeadLetter(TenantDelivery delivery, int attempts, int lastStatus) {
    }

    final List<Correlation> correlations = new ArrayList<>();
    final List<FailedReceipt> failedReceipts = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<ScheduledCopy> copies = new ArrayList<>();
    /** What was taken and not yet reported written, in order. */
    final List<Object> unwritten = new ArrayList<>();
    boolean full;

    @Override
    public boolean carrierResponse(OutboundSubmit submit, long gatewayId, String carrierId, String carrierMessageId) {
        return take(new Correlation(submit, carrierId, carrierMessageId), correlations);
    }

    @Override
    public boolean failedReceipt(OutboundSubmit submit, long gatewayId, long acceptedMillis, String stat, int status) {
        return take(new FailedReceipt(submit, stat, status), failedReceipts);
    }

    @Override
    public boolean handBack(TenantDelivery delivery) {
        return take(new DeadLetter(delivery, -2, 0), deadLetters);
    }

    @Override
    public boolean deadLetter(TenantDelivery delivery, int attempts, int lastStatus) {
        return take(new DeadLetter(delivery, attempts, lastStatus), deadLetters);
    }

    @Override
    public boolean copy(ScheduledCopy copy) {
        return take(copy, copies);
    }

    @Override
    public boolean tick() {
        return !full;
    }

    private <T> boolean take(T event, List<T> kept) {
        if (full) {
            return false;
        }
        kept.add(event);
        unwritten.add(event);
        return true;
    }
}
