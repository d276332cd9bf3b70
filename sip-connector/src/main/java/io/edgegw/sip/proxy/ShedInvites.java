package io.edgegw.sip.proxy;

import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.Via;
import io.edgegw.sipstack.transaction.Worker;

import java.util.concurrent.TimeUnit;

/**
 * INVITEs lately shed for overload (a stateless 503), by branch and Call-ID, so that their retransmissions get the
 * same 503. A stateless answer keeps no transaction: without this, a retransmission read once the worker has caught
 * up becomes a call, and its 2xx reaches a caller whose transaction already ended on the 503 and ignores it; no ACK
 * and no BYE ever come, and the call holds its tenant's and trunk's places until {@code sip.maxCallSeconds}. RFC 3261
 * section 8.2.7: a stateless server answers a retransmission as it answered the request.
 * <p>
 * One fixed table per worker (a request's Call-ID always lands on the same worker, so no lock), direct-mapped: an
 * entry overwritten by a later shed INVITE only costs that one its memory. Nothing is allocated per INVITE.
 */
final class ShedInvites {
    /** Slots per worker; a power of two. 128 KiB a worker. */
    private static final int SLOTS = 8192;
    /** Timer B (64*T1): a caller retransmits an unanswered INVITE no longer than this. */
    private static final long REMEMBER_NANOS = TimeUnit.SECONDS.toNanos(32);

    private final long[][] keys;
    private final long[][] shedAt;

    ShedInvites(int workers) {
        keys = new long[workers][SLOTS];
        shedAt = new long[workers][SLOTS];
    }

    /** The INVITE was answered 503 statelessly. On its worker {@code w}. */
    void remember(Worker w, SipRequest invite) {
        long key = key(invite);
        int slot = slot(key);
        keys[w.index()][slot] = key;
        shedAt[w.index()][slot] = System.nanoTime();
    }

    /** Whether {@code invite} retransmits one shed within the last 32 s. On its worker {@code w}. */
    boolean contains(Worker w, SipRequest invite) {
        long key = key(invite);
        int slot = slot(key);
        return keys[w.index()][slot] == key && System.nanoTime() - shedAt[w.index()][slot] < REMEMBER_NANOS;
    }

    /** Branch and Call-ID, 32 bits of each; never 0, the empty slot. */
    private static long key(SipRequest invite) {
        Via via = invite.topVia();
        String branch = via == null ? null : via.branch();
        String callId = invite.callId();
        long key = ((long) (branch == null ? 0 : branch.hashCode()) << 32)
                | ((callId == null ? 0 : callId.hashCode()) & 0xffff_ffffL);
        return key == 0 ? 1 : key;
    }

    private static int slot(long key) {
        return (int) ((key ^ (key >>> 29)) * 0x9E37_79B9_7F4A_7C15L >>> (64 - Integer.numberOfTrailingZeros(SLOTS)));
    }
}
