package io.edgegw.sipstack.message;

/**
 * A message that could not be read. {@link #canAnswer400()} says whether it was a request with Via, From, To,
 * Call-ID and CSeq present and its top Via readable, enough to answer {@code 400} (RFC 3261 section 16.3 step 1,
 * 21.4.1; an unreadable CSeq is copied into the 400 as it came); then
 * {@link #request()} holds what was read, ready for {@link SipResponses#create(SipRequest, int, String, String)}.
 * Thrown by the parser only; carries no stack trace, since bad input is routine, not a bug.
 */
public final class SipParseException extends Exception {
    private final transient SipRequest request;

    SipParseException(String reason, SipRequest answerable) {
        super(reason, null, false, false);
        this.request = answerable;
    }

    /** What was wrong, short and ASCII: fit for a log line and a reason phrase. */
    public String reason() {
        return getMessage();
    }

    public boolean canAnswer400() {
        return request != null;
    }

    /** The request as far as it was read, when {@link #canAnswer400()}; else null. */
    public SipRequest request() {
        return request;
    }
}
