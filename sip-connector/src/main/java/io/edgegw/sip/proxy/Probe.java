package io.edgegw.sip.proxy;

import javax.sip.ClientTransaction;
import javax.sip.message.Response;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One OPTIONS sent to a trunk, as its client transaction's application data: settled once, by the first final
 * answer or by running out of time (our timer or JAIN-SIP's Timer F), whichever comes first.
 */
final class Probe {
    private final TrunkHealth health;
    private final AtomicBoolean settled = new AtomicBoolean();
    volatile ClientTransaction transaction;
    volatile ScheduledFuture<?> deadline;

    Probe(TrunkHealth health) {
        this.health = health;
    }

    void responded(Response response) {
        int status = response.getStatusCode();
        if (status >= 200 && settled.compareAndSet(false, true)) {
            stop();
            health.probed(status, String.valueOf(status));
        }
    }

    void timedOut() {
        if (settled.compareAndSet(false, true)) {
            stop();
            ClientTransaction t = transaction;
            if (t != null) {
                try {
                    t.terminate(); // no more retransmissions toward a trunk we stopped waiting for
                } catch (Exception ignored) {
                    // already ended
                }
            }
            health.probed(0, "timeout");
        }
    }

    void notSent(String why) {
        if (settled.compareAndSet(false, true)) {
            stop();
            health.probed(0, "not sent: " + why);
        }
    }

    private void stop() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
    }
}
