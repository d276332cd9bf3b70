package io.edgegw.sipstack.transaction;

import javax.sip.message.Request;
import java.util.Objects;

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

    // Written out rather than generated: a record's own equals/hashCode link through an invokedynamic bootstrap
    // (java.lang.runtime.ObjectMethods) on first use, and on a cold JVM that was the largest part of the first
    // INVITE's time on each worker (hundreds of ms on a busy 2-core machine), with INVITEs queuing behind it.
    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionKey k && Objects.equals(branch, k.branch) && Objects.equals(sentBy, k.sentBy)
                && Objects.equals(method, k.method);
    }

    @Override
    public int hashCode() {
        return (Objects.hashCode(branch) * 31 + Objects.hashCode(sentBy)) * 31 + Objects.hashCode(method);
    }
}
