package io.edgegw.sip.proxy;

import io.edgegw.sip.cdr.CallDetail;
import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.transaction.ClientTransaction;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.edgegw.sipstack.transaction.Worker;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.Transport;
import io.netty.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.time.Instant;
import java.util.List;

/**
 * One caller's INVITE being set up: the trunks to try in order, the attempt in progress, the last failure. Serial
 * failover (RFC 3261 section 16.7: the proxy picks the next target after a final failure). Every event of the call
 * runs on its Call-ID's worker (responses, timers, CANCEL), so its state needs no lock; the pacer and the shutdown
 * hand their events to that worker.
 */
final class Call {
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    enum State { SETTING_UP, ANSWERED, FAILED, CANCELLED }

    /** One INVITE sent to one trunk. */
    static final class Attempt {
        final Call call;
        final Trunk trunk;
        ClientTransaction<SipMessage> transaction;
        boolean ringing;
        Timeout failoverTimer;
        /** Its place among the trunk's channels, given back when this attempt is given up or the call ends. */
        Lease channel;
        long sentNanos;

        Attempt(Call call, Trunk trunk) {
            this.call = call;
            this.trunk = trunk;
        }
    }

    final String tenantId;
    final String destination;
    final Worker worker;
    private final ServerTransaction<SipMessage> server;
    private final SipRequest invite;
    private final List<Trunk> trunks;
    private final Calls calls;
    /** Written only on the worker; read by the pacer ({@link #isWaiting}). */
    private volatile State state = State.SETTING_UP;
    private int next;
    private Attempt current;
    private SipResponse lastFailure;
    private Timeout inviteTimer;
    private final Lease tenantPlace;
    private final CallDetail detail;
    private final long startNanos;

    Call(String tenantId, String destination, ServerTransaction<SipMessage> server, List<Trunk> trunks, Calls calls,
         Lease tenantPlace, CallDetail detail) {
        this.tenantPlace = tenantPlace;
        this.detail = detail;
        this.startNanos = System.nanoTime();
        this.tenantId = tenantId;
        this.destination = destination;
        this.server = server;
        this.invite = (SipRequest) server.request();
        this.worker = calls.workerOf(invite);
        this.trunks = trunks;
        this.calls = calls;
    }

    /** Whether a trunk's final answer sends this call to the next trunk ({@code sip.failoverCodes}). */
    boolean failsOver(int status) {
        return calls.failsOver(status);
    }

    /** Sends the INVITE to its first trunk; from any thread. */
    void start() {
        onWorker(this::startInOrder);
    }

    private void onWorker(Runnable step) {
        if (worker.inWorker()) {
            step.run();
        } else {
            worker.execute(step);
        }
    }

    private void startInOrder() {
        if (state != State.SETTING_UP) {
            return; // cancelled while it waited in its tenant's queue
        }
        inviteTimer = calls.timers.schedule(worker, this::inviteTimedOut, calls.config.inviteTimeoutSeconds() * 1000L);
        tryNext();
    }

    private void tryNext() {
        if (current != null) {
            current.channel.release(); // given up for the next
        }
        while (next < trunks.size()) {
            Trunk trunk = trunks.get(next++);
            Lease channel = trunk.limit().takePlace();
            if (channel == null) {
                LOG.debug("call tenant {}: carrier {} has every channel taken, skipped", tenantId, trunk);
                continue;
            }
            if (!trunk.limit().takeRate(System.nanoTime())) {
                channel.release();
                LOG.debug("call tenant {}: carrier {} at its maxCallsPerSecond, skipped", tenantId, trunk);
                continue;
            }
            Attempt a = new Attempt(this, trunk);
            a.channel = channel;
            try {
                SipRequest out = calls.hops.toTrunk(invite, trunk.address(), server.hop().peer().transport());
                a.transaction = calls.layer.send(out, calls.transportHops.toward(trunk.peer())).orElse(null);
                if (a.transaction == null) {
                    channel.release();
                    LOG.debug("call tenant {}: the client transaction table is full; carrier {} skipped", tenantId,
                            trunk);
                    continue;
                }
                a.transaction.appData(a);
                current = a;
                detail.tried(trunk.carrierId());
                AttemptReport.sent(a);
                a.failoverTimer = calls.timers.schedule(worker, () -> failoverTimedOut(a),
                        calls.config.failoverAfterMillis());
                return;
            } catch (RuntimeException e) {
                channel.release();
                current = null;
                LOG.warn("call tenant {}: cannot send INVITE to carrier {}: {}", tenantId, trunk, e.toString());
            }
        }
        current = null;
        int status = lastFailure == null ? Response.SERVICE_UNAVAILABLE : lastFailure.statusCode();
        failed(State.FAILED, status, lastFailure == null ? "unavailable" : "callee", lastFailure != null);
        if (lastFailure != null) {
            server.respond(lastFailure);
        } else {
            server.respond(Response.SERVICE_UNAVAILABLE);
        }
    }

    /** A response to one of this call's INVITEs; on the worker. */
    void responded(Attempt a, SipResponse response) {
        int status = response.statusCode();
        if (a != current || state != State.SETTING_UP) {
            if (status / 100 == 2) {
                // RFC 3261 section 16.7 step 5: every 2xx goes upstream, even after a final answer (and each
                // retransmission of it); the caller's user agent acknowledges it and hangs up what it no longer wants
                relayStateless(response);
            } // a provisional answer from an attempt given up: its transaction sends the CANCEL it wanted
            return;
        }
        if (status == Response.TRYING) {
            return; // hop by hop, we sent our own
        }
        if (status < 200) {
            AttemptReport.ringing(a);
            a.ringing = true;
            stop(a.failoverTimer); // a ringing trunk has until the INVITE timeout
            response.removeTopVia();
            server.respond(response);
            return;
        }
        stop(a.failoverTimer);
        calls.metrics.response(a.trunk.carrierId(), status);
        AttemptReport.finalAnswer(a, status);
        response.removeTopVia();
        if (status < 300) {
            end(State.ANSWERED);
            calls.metrics.call(detail, SipMetrics.Outcome.ANSWERED);
            calls.metrics.setup(a.trunk.carrierId(), System.nanoTime() - startNanos);
            detail.answered(a.trunk.carrierId(), status, Instant.now());
            answered(a, response); // the call keeps its places
            server.respond(response);
        } else if (calls.failsOver(status)) {
            lastFailure = response;
            tryNext();
        } else {
            failed(State.FAILED, status, "callee", true);
            server.respond(response);
        }
    }

    /** The dialog begins: both sides as the proxy learned them, so in-dialog requests go only between them. */
    private void answered(Attempt a, SipResponse ok) {
        Peer callerFlow = server.hop().peer();
        NameAddr callerContact = invite.contacts().isEmpty() ? null : invite.contacts().get(0);
        SipUri callerTarget = callerContact != null ? callerContact.sipUri()
                : SipUri.of(null, callerFlow.address().getAddress().getHostAddress(), callerFlow.address().getPort());
        List<NameAddr> rr = ok.recordRoutes();
        int firstOurs = -1;
        int lastOurs = -1;
        for (int i = 0; i < rr.size(); i++) {
            if (calls.hops.isOurs(rr.get(i).sipUri())) {
                lastOurs = i;
                if (firstOurs < 0) {
                    firstOurs = i;
                }
            }
        }
        List<NameAddr> callerBeyond = lastOurs < 0 ? List.of() : rr.subList(lastOurs + 1, rr.size());
        List<NameAddr> calleeBeyond = new java.util.ArrayList<>(firstOurs < 0 ? List.of() : rr.subList(0, firstOurs));
        java.util.Collections.reverse(calleeBeyond);
        Party caller = new Party(invite.from().tag(), invite.from(), callerFlow.address().getAddress(), callerTarget,
                Calls.peerFor(callerTarget, callerFlow), callerBeyond, invite.cseq().number());
        NameAddr calleeContact = ok.contacts().isEmpty() ? null : ok.contacts().get(0);
        SipUri calleeTarget = calleeContact != null ? calleeContact.sipUri()
                : ((SipRequest) a.transaction.request()).requestUri();
        Peer trunkPeer = a.trunk.peer();
        Party callee = new Party(ok.to().tag(), ok.to(), trunkPeer.address().getAddress(), calleeTarget,
                trunkPeer.transport().isStream() || calleeContact == null ? trunkPeer
                        : Calls.peerFor(calleeTarget, trunkPeer), calleeBeyond, 0);
        calls.dialogs.answered(worker, invite.callId(), caller, callee, server.hop(), tenantPlace, a.channel, detail);
    }

    /** A 2xx passed on with no transaction: our Via off, back the way the INVITE came. */
    private void relayStateless(SipResponse response) {
        response.removeTopVia();
        server.hop().send(calls.layer.codec().encode(response));
    }

    /** The INVITE's transaction gave up (Timer B): as a 408 from that trunk. */
    void transactionTimedOut(Attempt a) {
        if (a == current && state == State.SETTING_UP) {
            stop(a.failoverTimer);
            calls.metrics.timeout(a.trunk.carrierId());
            AttemptReport.noAnswer(a);
            tryNext();
        }
    }

    private void failoverTimedOut(Attempt a) {
        if (a == current && state == State.SETTING_UP && !a.ringing) {
            calls.metrics.timeout(a.trunk.carrierId());
            AttemptReport.noAnswer(a);
            a.transaction.cancel();
            tryNext();
        }
    }

    private void inviteTimedOut() {
        if (state != State.SETTING_UP) {
            return;
        }
        if (current != null) {
            calls.metrics.timeout(current.trunk.carrierId());
            AttemptReport.noAnswer(current);
            current.transaction.cancel();
        }
        failed(State.FAILED, lastFailure == null ? Response.REQUEST_TIMEOUT : lastFailure.statusCode(), "timeout",
                lastFailure != null);
        if (lastFailure != null) {
            server.respond(lastFailure);
        } else {
            server.respond(Response.REQUEST_TIMEOUT);
        }
    }

    /** The gateway is stopping: the caller gets 503, the trunk a CANCEL, and the call its CDR (endedBy shutdown). */
    void shutDownInOrder() {
        if (state != State.SETTING_UP) {
            return;
        }
        if (current != null) {
            current.transaction.cancel();
        }
        server.respond(Response.SERVICE_UNAVAILABLE);
        failed(State.FAILED, Response.SERVICE_UNAVAILABLE, "shutdown", false);
    }

    /** Still to be set up: not cancelled while it waited in its tenant's call queue (its start checks again). */
    boolean isWaiting() {
        return state == State.SETTING_UP;
    }

    /** Over its tenant's calls per second, with no room or time left to wait: 503 + Retry-After, before any trunk. */
    void refusedOverRate() {
        onWorker(this::refusedOverRateInOrder);
    }

    private void refusedOverRateInOrder() {
        if (state != State.SETTING_UP) {
            return;
        }
        end(State.FAILED);
        calls.cdrs.add(detail.failed(Response.SERVICE_UNAVAILABLE, "refused", false));
        calls.metrics.refused(tenantId, "cps");
        server.respond(Proxy.retryAfter(Proxy.answer(server, Response.SERVICE_UNAVAILABLE, null)));
    }

    /** The caller sent CANCEL (the layer answered it 200): 487 for its INVITE (RFC 3261 16.10), CANCEL toward the trunk. */
    void cancelledByCaller() {
        if (state != State.SETTING_UP) {
            return; // an answer went first
        }
        if (current != null) {
            current.transaction.cancel();
        }
        failed(State.CANCELLED, Response.REQUEST_TERMINATED, "cancel", false);
        server.respond(Response.REQUEST_TERMINATED);
    }

    private void end(State s) {
        state = s;
        stop(inviteTimer);
        calls.ended(this);
        if (s != State.ANSWERED) {
            tenantPlace.release();
            if (current != null) {
                current.channel.release();
            }
        }
    }

    /** Ends a call that was not answered, with its CDR. */
    private void failed(State s, int code, String endedBy, boolean carrierAnswered) {
        end(s);
        calls.cdrs.add(detail.failed(code, endedBy, carrierAnswered));
        calls.metrics.call(detail, s == State.CANCELLED ? SipMetrics.Outcome.CANCELLED : SipMetrics.Outcome.FAILED);
    }

    private static void stop(Timeout timer) {
        if (timer != null) {
            timer.cancel();
        }
    }
}
