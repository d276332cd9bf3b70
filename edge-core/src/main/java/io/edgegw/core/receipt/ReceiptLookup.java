package io.edgegw.core.receipt;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.spi.AckSink;

/**
 * A carrier receipt whose correlation the journal thread does not hold in memory, on its way to the on-disk index
 * and back; the carrier's deliver_sm stays unanswered meanwhile.
 *
 * @param key           {@code carrierId|id}: the receipt id as its carrier's configured way turns it into the id
 *                      its submit_sm_resp gave
 * @param deadlineNanos when a receipt still unmatched is given up (answered and counted unmatched)
 * @param last          the last look, made at the deadline: unmatched after it means dropped
 */
public record ReceiptLookup(String carrierId, String key, CarrierDelivery delivery, AckSink ack, int seq,
                            long deadlineNanos, boolean last) {
    ReceiptLookup lastLook() {
        return new ReceiptLookup(carrierId, key, delivery, ack, seq, deadlineNanos, true);
    }
}
