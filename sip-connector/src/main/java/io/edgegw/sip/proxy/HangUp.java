package io.edgegw.sip.proxy;

import io.edgegw.sipstack.message.RequestBuilder;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.transaction.TransactionLayer;
import io.edgegw.sipstack.transaction.TransportHops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Request;

/**
 * The proxy ending an answered call itself (at {@code sip.maxCallSeconds}): a BYE to each side's target, as that
 * side's peer would send it, with the peer's next CSeq (one more than the highest it sent through the proxy, so the
 * BYE is not refused as out of order); route sets beyond this proxy are not followed. Responses to these BYEs are
 * not awaited: the call is over for the gateway either way. Runs on the call's worker.
 */
final class HangUp {
    private static final Logger LOG = LoggerFactory.getLogger(HangUp.class);
    /** The client transactions' application data: their answers need no handling. */
    static final Object MARK = new Object();

    private final TransactionLayer<SipMessage> layer;
    private final TransportHops transportHops;
    private final Hops hops;

    HangUp(TransactionLayer<SipMessage> layer, TransportHops transportHops, Hops hops) {
        this.layer = layer;
        this.transportHops = transportHops;
        this.hops = hops;
    }

    /** BYEs both ways: to the callee in the caller's name, to the caller in the callee's. */
    void both(String callId, Party caller, Party callee) {
        send(callId, caller, callee);
        send(callId, callee, caller);
    }

    /** A BYE to {@code to}, coming from {@code from}. */
    private void send(String callId, Party from, Party to) {
        if (to.target == null || to.next == null) {
            return;
        }
        try {
            SipRequest bye = RequestBuilder.request(Request.BYE, to.target)
                    .via(hops.via(to.next.transport(), io.edgegw.sipstack.message.SipIds.branch()))
                    .from(from.address.withTag(from.tag)).to(to.address.withTag(to.tag)).callId(callId)
                    .cseq(from.nextCSeq()).build();
            layer.send(bye, transportHops.toward(to.next)).ifPresent(tx -> tx.appData(MARK));
        } catch (RuntimeException e) {
            LOG.warn("call {}: cannot send BYE to {}: {}", callId, to.target, e.toString());
        }
    }
}
