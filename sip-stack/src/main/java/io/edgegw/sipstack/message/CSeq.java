package io.edgegw.sipstack.message;

import javax.sip.message.Request;

import java.nio.charset.StandardCharsets;

/** The CSeq header's sequence number and method (RFC 3261 section 8.1.1.5). */
public record CSeq(long number, String method) {
    /** RFC 3261 section 8.1.1.5: the number is a 32-bit unsigned integer below 2**31. */
    static final long MAX_NUMBER = Integer.MAX_VALUE;

    private static final String[] KNOWN = {Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.OPTIONS,
        Request.REGISTER, Request.PRACK, Request.UPDATE, Request.INFO, Request.MESSAGE, Request.NOTIFY,
        Request.SUBSCRIBE, Request.REFER, Request.PUBLISH};

    @Override
    public String toString() {
        return number + " " + method;
    }

    /** "number LWS method" in b[from, to), or null when it is not that. */
    static CSeq parse(byte[] b, int from, int to) {
        int i = Ascii.skipLws(b, from, to);
        int digits = i;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        long number = Ascii.parseNumber(b, digits, i);
        if (number < 0 || number > MAX_NUMBER || i == to || !Ascii.isLws(b[i])) {
            return null;
        }
        int m = Ascii.skipLws(b, i, to);
        int end = Ascii.trimEnd(b, m, to);
        for (int k = m; k < end; k++) {
            if (!Ascii.isToken(b[k])) {
                return null;
            }
        }
        return m == end ? null : new CSeq(number, method(b, m, end));
    }

    /** A method name; the RI's constant when it is a known one, so hot paths compare and allocate nothing. */
    static String method(byte[] b, int from, int to) {
        for (String known : KNOWN) {
            if (Ascii.startsWith(b, from, to, known) && to - from == known.length()) {
                return known;
            }
        }
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }
}
