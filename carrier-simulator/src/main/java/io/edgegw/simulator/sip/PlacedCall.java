package io.edgegw.simulator.sip;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.transaction.ClientTransaction;
import io.netty.util.Timeout;

/**
 * One call the load generator placed. Touched only on the worker owning its Call-ID. {@code settled} is set once,
 * by whichever of final response, setup timeout or error comes first; {@code finished} once the call is over (BYE
 * answered, refused, timed out) and no longer counts as under way.
 */
final class PlacedCall {
    final long startNanos = System.nanoTime();
    final SipRequest invite;
    ClientTransaction<SipMessage> inviteTx;
    Timeout setupTimer;
    boolean settled;
    boolean finished;

    PlacedCall(SipRequest invite) {
        this.invite = invite;
    }

    String callId() {
        return invite.callId();
    }

    void stopSetupTimer() {
        if (setupTimer != null) {
            setupTimer.cancel();
            setupTimer = null;
        }
    }
}
