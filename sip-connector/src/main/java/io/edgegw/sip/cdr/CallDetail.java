package io.edgegw.sip.cdr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What is known of a call while it lasts, for its {@link CallRecord} when it ends. Guarded by the call's lock. */
public final class CallDetail {
    static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String tenant;
    private final String from;
    private final String to;
    private final String callId;
    private final Instant setup;
    private final String direction;
    private String carrier = "";
    private Instant answer;
    private int finalCode;
    private int tried;

    /** A tenant's outbound call. */
    public CallDetail(String tenant, String from, String to, String callId, Instant setup) {
        this(tenant, from, to, callId, setup, CallRecord.OUTBOUND, "");
    }

    private CallDetail(String tenant, String from, String to, String callId, Instant setup, String direction,
                       String carrier) {
        this.tenant = tenant;
        this.from = from;
        this.to = to;
        this.callId = callId;
        this.setup = setup;
        this.direction = direction;
        this.carrier = carrier;
    }

    /**
     * An inbound call from {@code carrier} to the tenant owning the number ({@code ""} when none does): its carrier
     * stays the one it came from, whatever the tenant's side answers.
     */
    public static CallDetail inbound(String tenant, String carrier, String from, String to, String callId,
                                     Instant setup) {
        return new CallDetail(tenant, from, to, callId, setup, CallRecord.INBOUND, carrier);
    }

    private boolean inbound() {
        return CallRecord.INBOUND.equals(direction);
    }

    /** A carrier's call to a tenant's number. */
    public boolean isInbound() {
        return inbound();
    }

    public String tenant() {
        return tenant;
    }

    /** The trunk that answered (an outbound call), or the carrier the call came from (inbound). */
    public String carrier() {
        return carrier;
    }

    /** An INVITE went to one more trunk. */
    public void tried(String carrierId) {
        tried++;
        if (!inbound()) {
            carrier = carrierId;
        }
    }

    public void answered(String carrierId, int code, Instant at) {
        if (!inbound()) {
            carrier = carrierId;
        }
        finalCode = code;
        answer = at;
    }

    /** The record of a call that got a failure (or was refused) as its final answer. */
    public CallRecord failed(int code, String endedBy, boolean carrierAnswered) {
        return new CallRecord(tenant, carrierAnswered || inbound() ? carrier : "", from, to, callId,
                ISO_MILLIS.format(setup), null, null, 0, code, Math.max(0, tried - 1), endedBy, direction);
    }

    /** The record of an answered call that ended. */
    public CallRecord ended(Instant at, String endedBy) {
        long seconds = answer == null ? 0 : Math.max(0, (at.toEpochMilli() - answer.toEpochMilli() + 500) / 1000);
        return new CallRecord(tenant, carrier, from, to, callId, ISO_MILLIS.format(setup),
                answer == null ? null : ISO_MILLIS.format(answer), ISO_MILLIS.format(at), seconds, finalCode,
                Math.max(0, tried - 1), endedBy, direction);
    }
}
