package io.edgegw.sipstack.message;

import gov.nist.javax.sip.SIPConstants;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Branches, tags and Call-IDs: 64 random bits each from ThreadLocalRandom, cheap on every thread. RFC 3261 asks
 * for uniqueness (branch, Call-ID) and at least 32 random bits (tag, 19.3), not for secrecy.
 */
public final class SipIds {
    private SipIds() {
    }

    /** A branch starting with RFC 3261's magic cookie (section 8.1.1.7). */
    public static String branch() {
        return SIPConstants.BRANCH_MAGIC_COOKIE + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    public static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** A Call-ID, "@host" appended when host is given. */
    public static String callId(String host) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String id = Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
        return host == null ? id : id + '@' + host;
    }
}
