package io.edgegw.sipstack.transaction;

import gov.nist.javax.sip.SIPConstants;

import java.util.concurrent.ThreadLocalRandom;

/** New Via branches: the RFC 3261 cookie and 96 random bits, unique without any shared counter. */
public final class Branches {
    private Branches() {
    }

    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return SIPConstants.BRANCH_MAGIC_COOKIE + Long.toHexString(r.nextLong() | Long.MIN_VALUE)
                + Integer.toHexString(r.nextInt() | Integer.MIN_VALUE);
    }

    /** RFC 3261 branches start with the cookie; anything else is from an RFC 2543 element. */
    static boolean isRfc3261(String branch) {
        return branch != null && branch.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE);
    }
}
