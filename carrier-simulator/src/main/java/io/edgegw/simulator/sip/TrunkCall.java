package io.edgegw.simulator.sip;

import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One INVITE the trunk is playing out: its transaction, the outcome drawn, its To-tag and its pending steps. */
final class TrunkCall {
    final String callId;
    final ServerTransaction tx;
    final Request invite;
    final CallOutcome outcome;
    final String toTag;
    /** A final response has been sent (guarded by this). */
    boolean finished;
    private final List<Future<?>> timers = new CopyOnWriteArrayList<>();

    TrunkCall(String callId, ServerTransaction tx, Request invite, CallOutcome outcome, String toTag) {
        this.callId = callId;
        this.tx = tx;
        this.invite = invite;
        this.outcome = outcome;
        this.toTag = toTag;
    }

    void schedule(ScheduledExecutorService scheduler, long delayMillis, Runnable step) {
        try {
            timers.add(scheduler.schedule(step, delayMillis, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException closing) {
            // the trunk is closing; the call ends with it
        }
    }

    void cancelTimers() {
        timers.forEach(f -> f.cancel(false));
    }
}
