package io.edgegw.sipstack.transaction;

/**
 * The layer above transactions (the proxy, a UA). Every call comes on the worker owning the message's Call-ID, so
 * an implementation keeps per-call state without locks, and must not block.
 *
 * @param <M> the message model's type
 */
public interface TransactionUser<M> {
    /**
     * A new request (not ACK, not a retransmission of a held one) before any state is kept for it: the TU
     * may answer or drop it here with no transaction ({@code layer.respondStatelessly}, or its own message), e.g. a
     * stranger or an overloaded worker, and returns null; otherwise what it returns becomes the new transaction's
     * {@link Transaction#appData()}. Runs on the request's worker.
     */
    default Object screen(M request, Hop source) {
        return Boolean.TRUE;
    }

    /** A new request (not ACK or CANCEL) with its server transaction; retransmissions never reach here. */
    void onRequest(ServerTransaction<M> tx);

    /**
     * A CANCEL matched {@code invite}, which has sent no final response yet; the layer has answered the CANCEL 200.
     * The TU answers the INVITE (487) or forwards the CANCEL.
     */
    void onCancel(ServerTransaction<M> invite, M cancel);

    /** An ACK matching no transaction awaiting one: the ACK for a 2xx, end to end, passed up statelessly. */
    void onAck(M ack, Hop source);

    /** A response on a client transaction: provisional, final, and for INVITE each 2xx retransmission. */
    void onResponse(ClientTransaction<M> tx, M response);

    /** No final response in time (Timer B or F, or 64*T1 after a CANCEL); the transaction has ended. */
    void onTimeout(ClientTransaction<M> tx);

    /** A response matching no client transaction; a proxy forwards some statelessly (RFC 3261 16.7 step 7). */
    default void onStrayResponse(M response, Hop source) {
    }

    /** Timer H: the ACK for a final non-2xx never came; the server transaction has ended. */
    default void onAckTimeout(ServerTransaction<M> tx) {
    }

    /** The transport could not deliver for {@code tx} (RFC 3261 17.1.4, 17.2.4); the transaction has ended. */
    default void onTransportError(Transaction<M> tx, String reason) {
    }

    /** A message that could not be parsed (answered 400 already when it could be); for a log line and a counter. */
    default void onUnparsable(Exception reason, Hop source) {
    }

    /** {@code tx} left its table, e.g. to drop its application data. */
    default void onTerminated(Transaction<M> tx) {
    }
}
