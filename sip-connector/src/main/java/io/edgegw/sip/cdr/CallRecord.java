package io.edgegw.sip.cdr;

/**
 * One call detail record, one JSON line in {@code <storage.dir>/cdr/calls-YYYY-MM-DD.jsonl} (the UTC day of its
 * setup). Times are ISO-8601 UTC to the millisecond; {@code answer} and {@code end} are null when the call never got
 * there.
 *
 * @param carrier          the carrier whose trunk gave the final answer; empty when no trunk did
 * @param failoverAttempts trunks tried beyond the first
 * @param endedBy          caller, callee, cancel, timeout, noAck, maxDuration, refused, dropped (from the table of answered
 *                         calls when it was full)
 * @param direction        outbound (a tenant's call to a carrier) or inbound (a carrier's call to the tenant owning
 *                         the dialled number; {@code carrier} is then the carrier it came from)
 */
public record CallRecord(String tenant, String carrier, String from, String to, String callId, String setup,
                         String answer, String end, long durationSeconds, int finalCode, int failoverAttempts,
                         String endedBy, String direction) {
    public static final String OUTBOUND = "outbound";
    public static final String INBOUND = "inbound";

    /** A tenant's outbound call. */
    public CallRecord(String tenant, String carrier, String from, String to, String callId, String setup,
                      String answer, String end, long durationSeconds, int finalCode, int failoverAttempts,
                      String endedBy) {
        this(tenant, carrier, from, to, callId, setup, answer, end, durationSeconds, finalCode, failoverAttempts,
                endedBy, OUTBOUND);
    }
}
