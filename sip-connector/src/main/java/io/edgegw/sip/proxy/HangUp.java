package io.edgegw.sip.proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.List;

/**
 * The proxy ending an answered call itself (at {@code sip.maxCallSeconds}): a BYE to each side's Contact, as that
 * side's peer would send it, with the peer's next CSeq (one more than the highest it sent through the proxy, so the
 * BYE is not refused as out of order); route sets beyond this proxy are not followed. Responses to these BYEs are not awaited: the call is over for the gateway either way.
 */
final class HangUp {
    private static final Logger LOG = LoggerFactory.getLogger(HangUp.class);

    private final SipProvider provider;
    private final Hops hops;

    HangUp(SipProvider provider, Hops hops) {
        this.provider = provider;
        this.hops = hops;
    }

    /** BYEs both ways: in the caller's name with {@code callerSeq}, in the callee's with {@code calleeSeq}. */
    void both(Request invite, Response ok, long callerSeq, long calleeSeq) {
        FromHeader caller = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader callee = (ToHeader) ok.getHeader(ToHeader.NAME);
        send(contact(ok), callee.getAddress(), callee.getTag(), caller.getAddress(), caller.getTag(), callerSeq,
                invite);
        send(contact(invite), caller.getAddress(), caller.getTag(), callee.getAddress(), callee.getTag(), calleeSeq,
                invite);
    }

    /** A BYE to {@code target}, addressed to {@code to} and coming from {@code from}. */
    private void send(URI target, Address to, String toTag, Address from, String fromTag, long seq, Request invite) {
        if (target == null) {
            return;
        }
        try {
            Request bye = hops.messages.createRequest((URI) target.clone(), Request.BYE,
                    (CallIdHeader) invite.getHeader(CallIdHeader.NAME).clone(),
                    hops.headers.createCSeqHeader(seq, Request.BYE),
                    hops.headers.createFromHeader((Address) from.clone(), fromTag),
                    hops.headers.createToHeader((Address) to.clone(), toTag),
                    List.of(hops.headers.createViaHeader(hops.host, hops.port, hops.transport, Hops.newBranch())),
                    hops.headers.createMaxForwardsHeader(70));
            provider.getNewClientTransaction(bye).sendRequest();
        } catch (Exception e) {
            LOG.warn("call {}: cannot send BYE to {}: {}", ((CallIdHeader) invite.getHeader(CallIdHeader.NAME))
                    .getCallId(), target, e.toString());
        }
    }

    private static URI contact(javax.sip.message.Message m) {
        ContactHeader c = (ContactHeader) m.getHeader(ContactHeader.NAME);
        return c == null ? null : c.getAddress().getURI();
    }
}
