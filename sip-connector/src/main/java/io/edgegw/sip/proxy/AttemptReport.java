package io.edgegw.sip.proxy;

/**
 * What one INVITE attempt tells about its trunk, fed from {@link Call}'s response handling into the trunk's
 * {@link TrunkQuality}: handled or failed (408/5xx or nothing in time), answered or not (caller cancels say nothing),
 * and its post-dial delay.
 */
final class AttemptReport {
    private AttemptReport() {
    }

    /** The INVITE went out now. */
    static void sent(Call.Attempt a) {
        a.sentNanos = System.nanoTime();
        a.trunk.health().attempted(a.sentNanos);
    }

    /** A 180/183 (or other provisional beyond 100): the first one ends the post-dial delay. */
    static void ringing(Call.Attempt a) {
        if (!a.ringing) {
            a.trunk.health().postDialDelay(System.nanoTime() - a.sentNanos);
        }
    }

    /** A final answer from the trunk. */
    static void finalAnswer(Call.Attempt a, int status) {
        ringing(a); // none before it: the final answer ends the post-dial delay
        a.trunk.health().quality.attempt(!a.call.failsOver(status), status / 100 == 2);
    }

    /**
     * No final answer in time: a trunk that never rang failed; one that rang carried the call to a callee who did
     * not answer.
     */
    static void noAnswer(Call.Attempt a) {
        a.trunk.health().quality.attempt(a.ringing, false);
    }
}
