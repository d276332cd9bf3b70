package io.edgegw.sip.proxy;

import io.edgegw.core.config.SipConfig;
import io.edgegw.sip.cdr.CdrWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipProvider;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * INVITEs being set up, by the branch of the caller's topmost Via (the server transaction's id, which a CANCEL
 * repeats), bounded by {@code sip.maxCalls}. A call leaves once it has its final answer: the dialog that follows
 * needs no state here, its requests find their way by Route.
 */
final class Calls {
    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    final SipProvider provider;
    final Hops hops;
    final ScheduledExecutorService timer;
    final SipConfig config;
    final Dialogs dialogs;
    final CdrWriter cdrs;
    /** Set by the proxy before it takes its first request. */
    SipMetrics metrics;
    private final ConcurrentHashMap<String, Call> byBranch = new ConcurrentHashMap<>();
    /** {@code sip.failoverCodes}: final answers after which the next trunk is tried. */
    private final java.util.Set<Integer> failoverCodes;

    Calls(SipProvider provider, Hops hops, ScheduledExecutorService timer, SipConfig config, CdrWriter cdrs) {
        this.provider = provider;
        this.hops = hops;
        this.timer = timer;
        this.config = config;
        this.cdrs = cdrs;
        this.failoverCodes = java.util.Set.copyOf(config.failoverCodes());
        this.dialogs = new Dialogs(config.maxCalls() * 10, cdrs, timer, config.maxCallSeconds(),
                new HangUp(provider, hops));
    }

    /** False when {@code maxCalls} are already being set up (answer 503) or the branch is taken. */
    boolean admit(Call call) {
        if (byBranch.size() >= config.maxCalls()) {
            return false;
        }
        return byBranch.putIfAbsent(call.key, call) == null;
    }

    /** Whether a trunk's final answer {@code status} sends the call to the next trunk. */
    boolean failsOver(int status) {
        return failoverCodes.contains(status);
    }

    /**
     * Every INVITE still being set up (or waiting in a tenant's call queue) is answered 503: the gateway stops. A call
     * busy on a SIP thread runs its shutdown there, so this waits (at most a second, on the closing thread) until
     * they are all answered: the stack must still be up to send them.
     */
    void shutDownAll() throws InterruptedException {
        for (Call call : java.util.List.copyOf(byBranch.values())) {
            call.shutDown();
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (!byBranch.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    Call get(String branch) {
        return byBranch.get(branch);
    }

    /** Sends one answer, with or without a server transaction. */
    interface Answerer {
        void send(Response response) throws Exception;
    }

    /**
     * A caller's CANCEL: answered 200 when it matches an INVITE being set up (or queued), which is then cancelled
     * (487 to the caller, CANCEL to its trunk); 481 when it matches none.
     */
    void cancel(Request cancel, Answerer answerer) throws Exception {
        Call call = get(Proxy.branchOf(cancel));
        if (call == null) {
            answerer.send(hops.answer(cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
            return;
        }
        answerer.send(hops.answer(cancel, Response.OK));
        if (call.cancelledByCaller()) {
            LOG.debug("call {} tenant {}: cancelled by the caller", call.key, call.tenantId);
        }
    }

    /**
     * A response that belongs to no transaction: the answer of a call we relayed, retransmitted after its transaction
     * ended (RFC 3261 section 16.7 step 5), goes on upstream; anything else (say a late 503 from a trunk given up)
     * must not reach the caller and is dropped.
     */
    void stray(Response response) {
        if (hops.cameBackThroughUs(response) && dialogs.isAnswerOf(response)) {
            relayStateless(response);
        }
    }

    /** Passes a response on upstream without a transaction: our Via off, sent to the next Via. */
    void relayStateless(Response response) {
        try {
            provider.sendResponse(Hops.upstream(response));
        } catch (Exception e) {
            LOG.debug("cannot relay {}: {}", response.getStatusCode(),
                    e.toString());
        }
    }

    void ended(Call call) {
        byBranch.remove(call.key, call);
    }

    int settingUp() {
        return byBranch.size();
    }
}
