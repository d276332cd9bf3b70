package io.edgegw.sipstack.transaction;

import io.netty.buffer.ByteBuf;

/**
 * A client transaction (RFC 3261 17.1): it sends its request to a destination, retransmits it over UDP, passes
 * responses to the TU and absorbs what the TU need not see, and reports a timeout when no final response comes.
 *
 * @param <M> the message model's type
 */
public abstract sealed class ClientTransaction<M> extends Transaction<M>
        permits InviteClientTransaction, NonInviteClientTransaction {
    /** The request as sent, kept for retransmission. */
    ByteBuf encodedRequest;

    ClientTransaction(TransactionLayer<M> layer, Worker worker, TransactionKey key, M request, Hop hop,
                      TransactionState initial, ByteBuf encodedRequest) {
        super(layer, worker, key, request, hop, initial);
        this.encodedRequest = encodedRequest;
    }

    /**
     * Cancels an INVITE (RFC 3261 9.1): the CANCEL goes out as its own client transaction once a provisional
     * response has come (at once if one has), its responses reach the TU like any other. No-op once final.
     */
    public void cancel() {
        throw new IllegalStateException("only an INVITE can be cancelled, not " + method());
    }

    /** For a CANCEL's transaction, the INVITE it cancels; null otherwise. */
    public ClientTransaction<M> cancelled() {
        return null;
    }

    /** Sends the request and arms the first timers. */
    abstract void start();

    /** A response matched this transaction. */
    abstract void onResponse(M response, int status);

    final void resendRequest() {
        send(encodedRequest);
    }

    @Override
    void release() {
        if (encodedRequest != null) {
            encodedRequest.release();
            encodedRequest = null;
        }
    }
}
