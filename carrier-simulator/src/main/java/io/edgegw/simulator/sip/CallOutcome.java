package io.edgegw.simulator.sip;

import javax.sip.message.Response;

/** How the trunk answers one INVITE. */
public enum CallOutcome {
    /** 100, 180 Ringing for {@code ringMillis}, then 200 OK. */
    ANSWER(Response.OK),
    /** 486 Busy Here. */
    BUSY(Response.BUSY_HERE),
    /** 503 Service Unavailable. */
    UNAVAILABLE(Response.SERVICE_UNAVAILABLE),
    /** 100, 180 Ringing and no final answer until the caller cancels (then 487 Request Terminated). */
    NO_ANSWER(Response.REQUEST_TERMINATED);

    private final int finalStatus;

    CallOutcome(int finalStatus) {
        this.finalStatus = finalStatus;
    }

    /** The final response this outcome ends with (for NO_ANSWER only once the caller cancels). */
    public int finalStatus() {
        return finalStatus;
    }
}
