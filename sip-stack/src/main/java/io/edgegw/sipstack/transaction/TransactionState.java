package io.edgegw.sipstack.transaction;

/** States of RFC 3261 17 figures 5 to 8, with Accepted from RFC 6026. */
public enum TransactionState {
    /** INVITE client: request sent, no response yet. */
    CALLING,
    /** Non-INVITE: request sent or received, no response yet. */
    TRYING,
    /** A provisional response has been sent or received. */
    PROCEEDING,
    /** A final response (non-2xx for INVITE) has been sent or received; retransmissions are absorbed. */
    COMPLETED,
    /** INVITE server: the ACK for a non-2xx arrived (Timer I). */
    CONFIRMED,
    /** INVITE, after a 2xx (RFC 6026): 2xx retransmissions pass between TU and network until Timer L or M. */
    ACCEPTED,
    TERMINATED
}
