package io.edgegw.simulator.sip;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.netty.util.Timeout;

/**
 * One INVITE the trunk is playing out: its transaction, the outcome drawn and its one pending timed step. Touched
 * only on the worker that owns its Call-ID, so it needs no locks.
 */
final class TrunkCall {
    enum State {
        /** No final response yet: ringing or about to answer. */
        SETTING_UP,
        /** 200 OK sent; retransmitted until the ACK over UDP; ends on a BYE either way. */
        ANSWERED,
        ENDED
    }

    final ServerTransaction<SipMessage> tx;
    final SipRequest invite;
    final CallOutcome outcome;
    State state = State.SETTING_UP;
    /** The 200 OK, kept to retransmit it until the ACK comes (RFC 3261 13.3.1.4). */
    SipResponse ok;
    boolean acked;
    private Timeout step;

    TrunkCall(ServerTransaction<SipMessage> tx, CallOutcome outcome) {
        this.tx = tx;
        this.invite = (SipRequest) tx.request();
        this.outcome = outcome;
    }

    String callId() {
        return invite.callId();
    }

    /** The next timed step, replacing (cancelling) any earlier one. */
    void step(Timeout next) {
        cancelStep();
        step = next;
    }

    void cancelStep() {
        if (step != null) {
            step.cancel();
            step = null;
        }
    }
}
