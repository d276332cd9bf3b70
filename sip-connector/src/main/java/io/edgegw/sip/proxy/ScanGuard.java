package io.edgegw.sip.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps the RI from walking its transaction tables. For a response whose branch names no client transaction, and for
 * every CANCEL, the RI compares the message with each transaction in the table, one by one (RFC 2543 matching):
 * profiles under load showed half the proxy's thread there, and the cost grows with the table (tens of thousands of
 * lingering BYE transactions at a few hundred calls a second), so an overloaded proxy slowed itself down further.
 * <p>
 * As a valve it sees each message before the RI's lookup, on the stack's thread. A response to none of our
 * transactions is handled as the proxy would handle it after the walk (a retransmitted answer of a call we relayed goes
 * upstream, anything else is dropped). A CANCEL is answered here without a server transaction: 200 when it matches an
 * INVITE being set up (the call then sends its 487 and cancels its trunk), 481 when not. Its retransmission gets the
 * same answer again, which is all a CANCEL transaction would give it. Branches without RFC 3261's magic cookie are
 * left to the RI, as are all other messages.
 */
final class ScanGuard implements SIPMessageValve {
    private static final Logger LOG = LoggerFactory.getLogger(ScanGuard.class);
    private static final String COOKIE = "z9hg4bk";

    private final Calls calls;
    private final SIPTransactionStack stack;
    private final LongAdder strays = new LongAdder();
    private final LongAdder cancels = new LongAdder();

    ScanGuard(Calls calls, SIPTransactionStack stack) {
        this.calls = calls;
        this.stack = stack;
    }

    /** Puts this valve in front of the stack's transaction lookup; before the stack starts. */
    static ScanGuard install(Calls calls, SipStack stack, MeterRegistry registry) {
        SIPTransactionStack s = (SIPTransactionStack) stack;
        ScanGuard guard = new ScanGuard(calls, s);
        s.sipMessageValves.add(guard);
        FunctionCounter.builder("edge_sip_stray_responses", guard, ScanGuard::strays)
                .description("Responses matching no transaction of the proxy: retransmitted answers relayed, late ones"
                        + " dropped").register(registry);
        FunctionCounter.builder("edge_sip_cancels", guard, ScanGuard::cancels)
                .description("CANCEL requests received, answered 200 (an INVITE being set up) or 481")
                .register(registry);
        return guard;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (!(response instanceof SIPResponse r) || r.getTopmostVia() == null) {
            return true;
        }
        String key = r.getTransactionId();
        if (!key.startsWith(COOKIE) || stack.findTransaction(key, false) != null) {
            return true; // the RI finds its transaction by key, no walk
        }
        strays.increment();
        try {
            calls.stray(response);
        } catch (RuntimeException e) {
            LOG.debug("stray response {} not relayed: {}", response.getStatusCode(), e.toString());
        }
        return false;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!Request.CANCEL.equals(request.getMethod()) || request.getTopmostVia() == null) {
            return true;
        }
        String branch = request.getTopmostVia().getBranch();
        if (branch == null || !branch.toLowerCase().startsWith(COOKIE)) {
            return true;
        }
        cancels.increment();
        try {
            calls.cancel(request, calls.provider::sendResponse);
        } catch (Exception e) {
            LOG.debug("CANCEL {} not answered: {}", branch, e.toString());
        }
        return false;
    }

    /** Responses that matched no transaction, handled without the walk. */
    double strays() {
        return strays.sum();
    }

    /** CANCELs answered here. */
    double cancels() {
        return cancels.sum();
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
