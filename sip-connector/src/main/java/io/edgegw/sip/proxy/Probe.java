package io.edgegw.sip.proxy;

import io.netty.util.Timeout;

/**
 * One OPTIONS sent to a trunk, as its client transaction's application data: settled once, by the first final
 * answer or by running out of time (our deadline or the transaction's Timer F), whichever comes first. Touched only
 * on the OPTIONS' worker.
 */
final class Probe {
    private final TrunkHealth health;
    private boolean settled;
    Timeout deadline;

    Probe(TrunkHealth health) {
        this.health = health;
    }

    void responded(int status) {
        if (status >= 200 && !settled) {
            settled = true;
            stop();
            health.probed(status, String.valueOf(status));
        }
    }

    /** No answer in time; the transaction may still retransmit until its Timer F, its late answer then ignored. */
    void timedOut() {
        if (!settled) {
            settled = true;
            stop();
            health.probed(0, "timeout");
        }
    }

    void notSent(String why) {
        if (!settled) {
            settled = true;
            stop();
            health.probed(0, "not sent: " + why);
        }
    }

    private void stop() {
        if (deadline != null) {
            deadline.cancel();
        }
    }
}
