package io.edgegw.sipstack.transaction;

import io.edgegw.sipstack.message.SipIds;
import io.netty.buffer.ByteBuf;

import javax.sip.message.Response;

/**
 * A server transaction (RFC 3261 17.2): it sends the responses the TU gives it back on the flow the request came
 * in on, answers retransmitted requests with the last response, and leaves its table on its terminal timer.
 *
 * @param <M> the message model's type
 */
public abstract sealed class ServerTransaction<M> extends Transaction<M>
        permits InviteServerTransaction, NonInviteServerTransaction {
    /** The last response sent, kept to answer retransmissions. */
    ByteBuf lastResponse;
    int lastStatus;
    private String toTag;

    ServerTransaction(TransactionLayer<M> layer, Worker worker, TransactionKey key, M request, Hop hop,
                      TransactionState initial) {
        super(layer, worker, key, request, hop, initial);
    }

    /** Sends {@code response}, moving the state machine; ignored once a final response has ended the exchange. */
    public void respond(M response) {
        checkWorker();
        int status = layer.codec.status(response);
        if (!accepts(status)) {
            return;
        }
        onResponse(status, layer.codec.encode(response));
    }

    /** Sends a response with just this status, built from the request (e.g. 487 after a CANCEL, 200 to a BYE). */
    public void respond(int status) {
        checkWorker();
        if (accepts(status)) {
            onResponse(status, layer.codec.encode(layer.codec.response(request, status,
                    status == Response.TRYING ? null : toTag())));
        }
    }

    /** 100 Trying, if nothing has been sent yet; cheap enough to call for every INVITE. */
    public void trying() {
        if (lastStatus == 0) {
            respond(Response.TRYING);
        }
    }

    /** The To tag of the responses this transaction builds, one for all of them (RFC 3261 8.2.6.2). */
    public String toTag() {
        if (toTag == null) {
            toTag = SipIds.tag();
        }
        return toTag;
    }

    /** The status of the last response sent, 0 before any. */
    public int lastStatus() {
        return lastStatus;
    }

    /** Whether the state machine takes a response with {@code status} now. */
    abstract boolean accepts(int status);

    /** A response from the TU, encoded; the transaction owns {@code encoded}. */
    abstract void onResponse(int status, ByteBuf encoded);

    /** The same request again: absorbed, or answered with the last response. */
    abstract void onRetransmission();

    /** Keeps {@code encoded} as the answer to retransmissions and sends it. */
    final void sendKept(int status, ByteBuf encoded) {
        if (lastResponse != null) {
            lastResponse.release();
        }
        lastResponse = encoded;
        lastStatus = status;
        send(encoded);
    }

    final void resendLast() {
        if (lastResponse != null) {
            send(lastResponse);
        }
    }

    @Override
    void release() {
        if (lastResponse != null) {
            lastResponse.release();
            lastResponse = null;
        }
    }
}
