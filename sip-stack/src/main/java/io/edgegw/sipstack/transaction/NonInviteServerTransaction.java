package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;

/**
 * RFC 3261 17.2.2 (figure 8): Trying absorbs retransmissions, Proceeding and Completed answer them with the last
 * response; Completed lasts Timer J (64*T1 over UDP, zero over TCP/TLS).
 */
final class NonInviteServerTransaction<M> extends ServerTransaction<M> {
    NonInviteServerTransaction(TransactionLayer<M> layer, Worker worker, TransactionKey key, M request, Hop hop) {
        super(layer, worker, key, request, hop, TransactionState.TRYING);
    }

    @Override
    boolean accepts(int status) {
        return state == TransactionState.TRYING || state == TransactionState.PROCEEDING;
    }

    @Override
    void onResponse(int status, ByteBuf encoded) {
        sendKept(status, encoded);
        if (status < 200) {
            state = TransactionState.PROCEEDING;
            return;
        }
        state = TransactionState.COMPLETED;
        endAfter(reliable() ? 0 : config().timeout(), this::terminate);
    }

    @Override
    void onRetransmission() {
        if (state != TransactionState.TRYING) {
            resendLast();
        }
    }
}
