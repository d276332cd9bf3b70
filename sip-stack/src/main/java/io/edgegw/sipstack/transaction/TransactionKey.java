package io.edgegw.sipstack.transaction;

import javax.sip.message.Request;

/**
 * A transaction's identity (RFC 3261 17.1.3, 17.2.3): the top Via's branch, its sent-by for server transactions
 * (a client's own Via is unique by branch), and the method, with an ACK keyed as the INVITE it acknowledges.
 */
public record TransactionKey(String branch, String sentBy, String method) {
    static TransactionKey server(String branch, String sentBy, String method) {
        return new TransactionKey(branch, sentBy, Request.ACK.equals(method) ? Request.INVITE : method);
    }

    static TransactionKey client(String branch, String method) {
        return new TransactionKey(branch, "", Request.ACK.equals(method) ? Request.INVITE : method);
    }

    /** The INVITE server transaction a CANCEL with this key cancels: same branch and sent-by (RFC 3261 9.2). */
    TransactionKey cancelled() {
        return new TransactionKey(branch, sentBy, Request.INVITE);
    }
}
