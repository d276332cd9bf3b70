package io.edgegw.sip.proxy;

import io.edgegw.sip.cdr.CallDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One caller's INVITE being set up: the trunks to try in order, the attempt in progress, the last failure. Serial
 * failover (RFC 3261 section 16.7: the proxy picks the next target after a final failure). Its events come from
 * JAIN-SIP's listener threads and the timer thread; each runs through the call's {@link Mailbox}, one at a time in
 * arrival order, with no lock: a thread finding the call busy leaves its event for the busy thread and returns.
 */
final class Call {
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);

    enum State { SETTING_UP, ANSWERED, FAILED, CANCELLED }

    /** One INVITE sent to one trunk. */
    static final class Attempt {
        final Call call;
        final Trunk trunk;
        ClientTransaction transaction;
        boolean trying;
        boolean ringing;
        /** Given up: CANCEL it as soon as it sends a provisional response (RFC 3261 section 16.10). */
        boolean cancelWanted;
        boolean cancelSent;
        ScheduledFuture<?> failoverTimer;
        /** Its place among the trunk's channels, given back when this attempt is given up or the call ends. */
        Lease channel;
        long sentNanos;

        Attempt(Call call, Trunk trunk) {
            this.call = call;
            this.trunk = trunk;
        }
    }

    final String key;
    final String tenantId;
    final String destination;
    private final ServerTransaction server;
    private final Request invite;
    private final List<Trunk> trunks;
    private final Calls calls;

    /** Whether a trunk's final answer sends this call to the next trunk ({@code sip.failoverCodes}). */
    boolean failsOver(int status) {
        return calls.failsOver(status);
    }
    /** Written only by the call's events; read outside them by {@link #isWaiting} and {@link #cancelledByCaller}. */
    private volatile State state = State.SETTING_UP;
    private final Mailbox mailbox = new Mailbox();
    private int next;
    private Attempt current;
    private Response lastFailure;
    private ScheduledFuture<?> inviteTimer;
    private final Lease tenantPlace;

    private final CallDetail detail;
    private final long startNanos;

    Call(String key, String tenantId, String destination, ServerTransaction server, Request invite, List<Trunk> trunks,
         Calls calls, Lease tenantPlace, CallDetail detail) {
        this.tenantPlace = tenantPlace;
        this.detail = detail;
        this.startNanos = System.nanoTime();
        this.key = key;
        this.tenantId = tenantId;
        this.destination = destination;
        this.server = server;
        this.invite = invite;
        this.trunks = trunks;
        this.calls = calls;
    }

    void start() {
        mailbox.run(this::startInOrder);
    }

    private void startInOrder() {
        if (state != State.SETTING_UP) {
            return; // cancelled while it waited in its tenant's queue
        }
        inviteTimer = calls.timer.schedule(() -> mailbox.run(this::inviteTimedOut), calls.config.inviteTimeoutSeconds(),
                TimeUnit.SECONDS);
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
                LOG.debug("call {} tenant {}: carrier {} has every channel taken, skipped", key, tenantId, trunk);
                continue;
            }
            if (!trunk.limit().takeRate(System.nanoTime())) {
                channel.release();
                LOG.debug("call {} tenant {}: carrier {} at its maxCallsPerSecond, skipped", key, tenantId, trunk);
                continue;
            }
            Attempt a = new Attempt(this, trunk);
            a.channel = channel;
            try {
                Request out = calls.hops.toTrunk(invite, trunk.address());
                a.transaction = calls.provider.getNewClientTransaction(out);
                a.transaction.setApplicationData(a);
                current = a;
                detail.tried(trunk.carrierId());
                a.transaction.sendRequest();
                AttemptReport.sent(a);
                a.failoverTimer = calls.timer.schedule(() -> mailbox.run(() -> failoverTimedOut(a)),
                        calls.config.failoverAfterMillis(), TimeUnit.MILLISECONDS);
                LOG.debug("call {} tenant {} to {}: INVITE sent to carrier {}", key, tenantId, destination, trunk);
                return;
            } catch (Exception e) {
                channel.release();
                current = null;
                LOG.warn("call {} tenant {}: cannot send INVITE to carrier {}: {}", key, tenantId, trunk, e.toString());
            }
        }
        current = null;
        failed(State.FAILED, lastFailure == null ? Response.SERVICE_UNAVAILABLE : lastFailure.getStatusCode(),
                lastFailure == null ? "unavailable" : "callee", lastFailure != null);
        if (lastFailure != null) {
            send(lastFailure);
        } else {
            answer(Response.SERVICE_UNAVAILABLE);
        }
        LOG.debug("call {} tenant {} to {}: every trunk failed, answered {}", key, tenantId, destination,
                lastFailure == null ? Response.SERVICE_UNAVAILABLE : lastFailure.getStatusCode());
    }

    /** A response to one of this call's INVITEs. */
    void responded(Attempt a, Response response) {
        mailbox.run(() -> respondedInOrder(a, response));
    }

    private void respondedInOrder(Attempt a, Response response) {
        int status = response.getStatusCode();
        if (a == current && state == State.ANSWERED && status / 100 == 2) {
            calls.relayStateless(response); // a retransmission of the answer (RFC 3261 section 16.7 step 5)
            return;
        }
        if (a != current || state != State.SETTING_UP) {
            if (status / 100 == 2) {
                // RFC 3261 section 16.7 step 5: every 2xx goes upstream, even after a final answer; the caller's
                // user agent acknowledges it and hangs up what it no longer wants (as with a forked INVITE)
                LOG.debug("call {} tenant {}: carrier {} answered {} after the call was {}; relayed", key, tenantId,
                        a.trunk.carrierId(), status, state);
                calls.relayStateless(response);
            } else if (status < 200) {
                a.trying = true;
                if (a.cancelWanted) {
                    cancel(a); // it answered after we gave it up: now it may be cancelled
                }
            }
            return;
        }
        if (status == Response.TRYING) {
            a.trying = true; // hop by hop, we sent our own
            if (a.cancelWanted) {
                cancel(a);
            }
            return;
        }
        if (status < 200) {
            AttemptReport.ringing(a);
            a.ringing = true;
            a.trying = true;
            stopTimer(a.failoverTimer); // a ringing trunk has until the INVITE timeout
            send(Hops.upstream(response));
            return;
        }
        stopTimer(a.failoverTimer);
        calls.metrics.response(a.trunk.carrierId(), status);
        AttemptReport.finalAnswer(a, status);
        if (status < 300) {
            end(State.ANSWERED);
            calls.metrics.call(detail, SipMetrics.Outcome.ANSWERED);
            calls.metrics.setup(a.trunk.carrierId(), System.nanoTime() - startNanos);
            detail.answered(a.trunk.carrierId(), status, Instant.now());
            answered(a, response); // the call keeps its places
            send(Hops.upstream(response));
            LOG.debug("call {} tenant {}: answered by carrier {}", key, tenantId, a.trunk.carrierId());
        } else if (calls.failsOver(status)) {
            lastFailure = Hops.upstream(response);
            LOG.debug("call {} tenant {} to {}: carrier {} answered {}, trying the next", key, tenantId, destination,
                    a.trunk.carrierId(), status);
            tryNext();
        } else {
            failed(State.FAILED, status, "callee", true);
            send(Hops.upstream(response));
        }
    }

    private void answered(Attempt a, Response ok) {
        calls.dialogs.answered(invite, ok, calls.hops.caller(invite, ok), calls.hops.callee(a.transaction.getRequest(),
                ok), tenantPlace, a.channel, detail);
    }

    /** JAIN-SIP gave up on an INVITE (Timer B): as a 408 from that trunk. */
    void transactionTimedOut(Attempt a) {
        mailbox.run(() -> transactionTimedOutInOrder(a));
    }

    private void transactionTimedOutInOrder(Attempt a) {
        if (a == current && state == State.SETTING_UP) {
            stopTimer(a.failoverTimer);
            calls.metrics.timeout(a.trunk.carrierId());
            AttemptReport.noAnswer(a);
            LOG.debug("call {} tenant {}: carrier {} did not answer, trying the next", key, tenantId, a.trunk.carrierId());
            tryNext();
        }
    }

    private void failoverTimedOut(Attempt a) {
        if (a == current && state == State.SETTING_UP && !a.ringing) {
            calls.metrics.timeout(a.trunk.carrierId());
            AttemptReport.noAnswer(a);
            LOG.debug("call {} tenant {}: carrier {} silent for {} ms, trying the next", key, tenantId,
                    a.trunk.carrierId(), calls.config.failoverAfterMillis());
            cancel(a);
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
            cancel(current);
        }
        failed(State.FAILED, lastFailure == null ? Response.REQUEST_TIMEOUT : lastFailure.getStatusCode(), "timeout",
                lastFailure != null);
        if (lastFailure != null) {
            send(lastFailure);
        } else {
            answer(Response.REQUEST_TIMEOUT);
        }
        LOG.debug("call {} tenant {} to {}: no answer in {} s", key, tenantId, destination,
                calls.config.inviteTimeoutSeconds());
    }

    /** The gateway is stopping: the caller gets 503, the trunk a CANCEL, and the call its CDR (endedBy shutdown). */
    void shutDown() {
        mailbox.run(this::shutDownInOrder);
    }

    private void shutDownInOrder() {
        if (state != State.SETTING_UP) {
            return;
        }
        if (current != null) {
            cancel(current);
        }
        answer(Response.SERVICE_UNAVAILABLE); // first: Calls.shutDownAll waits for the call to leave, which failed does
        failed(State.FAILED, Response.SERVICE_UNAVAILABLE, "shutdown", false);
    }

    /** Still to be set up: not cancelled while it waited in its tenant's call queue (its start checks again). */
    boolean isWaiting() {
        return state == State.SETTING_UP;
    }

    /** Over its tenant's calls per second, with no room or time left to wait: 503 + Retry-After, before any trunk. */
    void refusedOverRate() {
        mailbox.run(this::refusedOverRateInOrder);
    }

    private void refusedOverRateInOrder() {
        if (state != State.SETTING_UP) {
            return;
        }
        end(State.FAILED);
        calls.cdrs.add(detail.failed(Response.SERVICE_UNAVAILABLE, "refused", false));
        calls.metrics.refused(tenantId, "cps");
        try {
            Response r = calls.hops.answer(invite, Response.SERVICE_UNAVAILABLE);
            r.addHeader(calls.hops.headers.createRetryAfterHeader(1));
            server.sendResponse(r);
        } catch (Exception e) {
            LOG.warn("call {} tenant {}: cannot answer 503: {}", key, tenantId, e.toString());
        }
    }

    /**
     * The caller sent CANCEL: 487 for its INVITE (RFC 3261 section 16.10) and CANCEL toward the trunk. True when the
     * call was still being set up as the CANCEL came (an answer on its way may still win: then no 487).
     */
    boolean cancelledByCaller() {
        boolean settingUp = state == State.SETTING_UP;
        mailbox.run(this::cancelledByCallerInOrder);
        return settingUp;
    }

    private void cancelledByCallerInOrder() {
        if (state != State.SETTING_UP) {
            return;
        }
        if (current != null) {
            cancel(current);
        }
        failed(State.CANCELLED, Response.REQUEST_TERMINATED, "cancel", false);
        answer(Response.REQUEST_TERMINATED);
    }

    /**
     * CANCEL toward the trunk, once it has sent a provisional response: before that a CANCEL is not allowed (RFC 3261
     * section 9.1), so it is only wanted, and sent when one arrives; the INVITE transaction itself runs out by its
     * own timer.
     */
    private void cancel(Attempt a) {
        stopTimer(a.failoverTimer);
        a.cancelWanted = true;
        if (!a.trying || a.cancelSent) {
            return;
        }
        a.cancelSent = true;
        try {
            CancelSender.cancel(calls.provider, a.transaction);
        } catch (Exception e) {
            LOG.debug("call {}: cannot cancel the INVITE to {}: {}", key, a.trunk.carrierId(), e.toString());
        }
    }

    private void end(State s) {
        state = s;
        stopTimer(inviteTimer);
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

    private void answer(int status) {
        try {
            server.sendResponse(calls.hops.answer(invite, status));
        } catch (Exception e) {
            LOG.warn("call {} tenant {}: cannot answer {}: {}", key, tenantId, status, e.toString());
        }
    }

    private void send(Response response) {
        try {
            server.sendResponse(response);
        } catch (Exception e) {
            LOG.warn("call {} tenant {}: cannot relay {}: {}", key, tenantId, response.getStatusCode(), e.toString());
        }
    }

    private static void stopTimer(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
