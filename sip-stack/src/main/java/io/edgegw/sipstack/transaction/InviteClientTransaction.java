package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;

/**
 * RFC 3261 17.1.1 (figure 5) with RFC 6026: Calling retransmits by Timer A over UDP until Timer B; a provisional
 * moves to Proceeding; a non-2xx final is ACKed hop by hop and its retransmissions absorbed for Timer D; a 2xx
 * moves to Accepted, where every 2xx retransmission goes to the TU until Timer M.
 */
final class InviteClientTransaction<M> extends ClientTransaction<M> {
    private long aInterval;
    private ByteBuf ack;
    private boolean cancelWanted;
    private boolean cancelSent;

    InviteClientTransaction(TransactionLayer<M> layer, Worker worker, TransactionKey key, M request, Hop hop,
                            ByteBuf encodedRequest) {
        super(layer, worker, key, request, hop, TransactionState.CALLING, encodedRequest);
    }

    @Override
    void start() {
        resendRequest();
        if (!reliable()) {
            aInterval = config().t1();
            firstRetransmitAfter(aInterval, this::timerA);
        }
        endAfter(config().timeout(), this::timerB);
    }

    @Override
    void onResponse(M response, int status) {
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (status < 200) {
                    proceeding(response);
                } else if (status < 300) {
                    stopRetransmitting();
                    state = TransactionState.ACCEPTED;
                    endAfter(config().timeout(), this::terminate);
                    layer.tu.onResponse(this, response);
                } else {
                    completed(response);
                }
            }
            case COMPLETED -> {
                if (status >= 300) {
                    send(ack);
                }
            }
            case ACCEPTED -> {
                if (status >= 200 && status < 300) {
                    layer.tu.onResponse(this, response);
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void cancel() {
        checkWorker();
        if (state == TransactionState.CALLING) {
            cancelWanted = true;
        } else if (state == TransactionState.PROCEEDING) {
            sendCancel();
        }
    }

    private void proceeding(M response) {
        if (state == TransactionState.CALLING) {
            stopRetransmitting();
            // Timer B guards Calling only; in Proceeding the TU's own timer (a proxy's Timer C) decides.
            stopEndTimer();
            state = TransactionState.PROCEEDING;
        }
        layer.tu.onResponse(this, response);
        if (cancelWanted && state == TransactionState.PROCEEDING) {
            sendCancel();
        }
    }

    private void completed(M response) {
        stopRetransmitting();
        state = TransactionState.COMPLETED;
        ack = layer.codec.encode(layer.codec.ack(request, response));
        send(ack);
        endAfter(reliable() ? 0 : config().timerD(), this::terminate);
        layer.tu.onResponse(this, response);
    }

    private void sendCancel() {
        if (cancelSent) {
            return;
        }
        cancelSent = true;
        layer.startCancel(this, layer.codec.cancel(request));
        // RFC 3261 9.1: with no final answer 64*T1 after the CANCEL, the INVITE transaction is given up.
        endAfter(config().timeout(), this::timerB);
    }

    private void timerA() {
        if (state == TransactionState.CALLING) {
            resendRequest();
            aInterval *= 2;
            retransmitAfter(aInterval, this::timerA);
        }
    }

    private void timerB() {
        if (state == TransactionState.CALLING || state == TransactionState.PROCEEDING) {
            terminate();
            layer.tu.onTimeout(this);
        }
    }

    @Override
    void release() {
        super.release();
        if (ack != null) {
            ack.release();
            ack = null;
        }
    }
}
