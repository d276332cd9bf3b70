package io.edgegw.simulator.sip;

import javax.sip.message.Request;
import java.util.concurrent.atomic.AtomicLong;

/** What one {@link SimulatedTrunk} has seen and sent; read by tests and the status line. */
public final class TrunkCounters {
    final AtomicLong invites = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong busy = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong unanswered = new AtomicLong();
    final AtomicLong terminated = new AtomicLong();
    final AtomicLong byesReceived = new AtomicLong();
    final AtomicLong byesSent = new AtomicLong();
    final AtomicLong cancels = new AtomicLong();
    final AtomicLong options = new AtomicLong();
    final AtomicLong ignored = new AtomicLong();

    /** Counts a request by method as it arrives (ACK and unknown methods are not counted). */
    void received(String method) {
        switch (method) {
            case Request.INVITE -> invites.incrementAndGet();
            case Request.BYE -> byesReceived.incrementAndGet();
            case Request.CANCEL -> cancels.incrementAndGet();
            case Request.OPTIONS -> options.incrementAndGet();
            default -> { }
        }
    }

    /** INVITEs received (new transactions, not retransmissions). */
    public long invites() { return invites.get(); }
    /** 200 OK sent to an INVITE. */
    public long answered() { return answered.get(); }
    /** 486 Busy Here sent. */
    public long busy() { return busy.get(); }
    /** 503 Service Unavailable sent. */
    public long unavailable() { return unavailable.get(); }
    /** Calls left ringing on purpose (NO_ANSWER). */
    public long unanswered() { return unanswered.get(); }
    /** 487 Request Terminated sent after a CANCEL. */
    public long terminated() { return terminated.get(); }
    public long byesReceived() { return byesReceived.get(); }
    public long byesSent() { return byesSent.get(); }
    public long cancels() { return cancels.get(); }
    public long options() { return options.get(); }
    /** Requests read while silent and never answered. */
    public long ignored() { return ignored.get(); }

    /** Answers sent to INVITEs by outcome, as played: the count for {@code outcome}. */
    public long sent(CallOutcome outcome) {
        return switch (outcome) {
            case ANSWER -> answered();
            case BUSY -> busy();
            case UNAVAILABLE -> unavailable();
            case NO_ANSWER -> unanswered();
        };
    }

    public String statusLine() {
        return "invites=" + invites + " 200=" + answered + " 486=" + busy + " 503=" + unavailable
                + " ringing-unanswered=" + unanswered + " 487=" + terminated + " cancels=" + cancels
                + " bye-in=" + byesReceived + " bye-out=" + byesSent + " options=" + options + " ignored=" + ignored;
    }
}
