package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;

/**
 * RFC 3261 17.1.2 (figure 6): Trying retransmits by Timer E (doubling to T2) over UDP, Proceeding every T2, until
 * a final response (Completed, absorbing retransmissions for Timer K) or Timer F.
 */
final class NonInviteClientTransaction<M> extends ClientTransaction<M> {
    private final ClientTransaction<M> cancelled;
    private long eInterval;

    NonInviteClientTransaction(TransactionLayer<M> layer, Worker worker, TransactionKey key, M request, Hop hop,
                               ByteBuf encodedRequest, ClientTransaction<M> cancelled) {
        super(layer, worker, key, request, hop, TransactionState.TRYING, encodedRequest);
        this.cancelled = cancelled;
    }

    @Override
    public ClientTransaction<M> cancelled() {
        return cancelled;
    }

    @Override
    void start() {
        resendRequest();
        if (!reliable()) {
            eInterval = config().t1();
            firstRetransmitAfter(eInterval, this::timerE);
        }
        endAfter(config().timeout(), this::timerF);
    }

    @Override
    void onResponse(M response, int status) {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return;
        }
        if (status < 200) {
            state = TransactionState.PROCEEDING;
            layer.tu.onResponse(this, response);
            return;
        }
        stopRetransmitting();
        state = TransactionState.COMPLETED;
        endAfter(reliable() ? 0 : config().t4(), this::terminate);
        layer.tu.onResponse(this, response);
    }

    private void timerE() {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
            resendRequest();
            eInterval = state == TransactionState.PROCEEDING ? config().t2() : Math.min(2 * eInterval, config().t2());
            retransmitAfter(eInterval, this::timerE);
        }
    }

    private void timerF() {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
            terminate();
            layer.tu.onTimeout(this);
        }
    }
}
