package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;

/**
 * RFC 3261 17.2.1 (figure 7) with RFC 6026: Proceeding; a non-2xx final goes to Completed, retransmitted by Timer G
 * over UDP until the ACK (Confirmed, Timer I) or Timer H; a 2xx goes to Accepted, where INVITE retransmissions are
 * absorbed and the TU's 2xx retransmissions pass, until Timer L.
 */
final class InviteServerTransaction<M> extends ServerTransaction<M> {
    private long gInterval;

    InviteServerTransaction(TransactionLayer<M> layer, Worker worker, TransactionKey key, M request, Hop hop) {
        super(layer, worker, key, request, hop, TransactionState.PROCEEDING);
    }

    @Override
    boolean accepts(int status) {
        return state == TransactionState.PROCEEDING
                || (state == TransactionState.ACCEPTED && status >= 200 && status < 300);
    }

    @Override
    void onResponse(int status, ByteBuf encoded) {
        if (state == TransactionState.ACCEPTED) {
            // The UAS core retransmits its 2xx (RFC 3261 13.3.1.4); the transaction only passes it on.
            send(encoded);
            encoded.release();
            return;
        }
        sendKept(status, encoded);
        if (status < 200) {
            return;
        }
        if (status < 300) {
            state = TransactionState.ACCEPTED;
            endAfter(config().timeout(), this::terminate);
            return;
        }
        state = TransactionState.COMPLETED;
        if (!reliable()) {
            gInterval = config().t1();
            firstRetransmitAfter(gInterval, this::timerG);
        }
        endAfter(config().timeout(), this::timerH);
    }

    @Override
    void onRetransmission() {
        if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) {
            resendLast();
        }
    }

    /** The ACK for our non-2xx: true when absorbed here; false when it is not ours to take (pass it up). */
    boolean onAck() {
        if (state == TransactionState.COMPLETED) {
            state = TransactionState.CONFIRMED;
            stopRetransmitting();
            endAfter(reliable() ? 0 : config().t4(), this::terminate);
            return true;
        }
        return state == TransactionState.CONFIRMED;
    }

    private void timerG() {
        if (state == TransactionState.COMPLETED) {
            resendLast();
            gInterval = Math.min(2 * gInterval, config().t2());
            retransmitAfter(gInterval, this::timerG);
        }
    }

    private void timerH() {
        if (state == TransactionState.COMPLETED) {
            terminate();
            layer.tu.onAckTimeout(this);
        }
    }
}
