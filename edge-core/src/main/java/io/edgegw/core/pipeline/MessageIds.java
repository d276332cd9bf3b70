package io.edgegw.core.pipeline;

import io.edgegw.core.config.ClusterConfig;

/**
 * Gateway message ids: {@code millis << 20 | low}, strictly increasing within a process even when more than one id
 * is issued per millisecond, and unique across restarts because a restart begins at a later millisecond (unless the
 * ids ran ahead of the clock). Rendered as 16 lowercase hex digits, well inside SMPP's 65-octet message_id.
 * Single-threaded: only the journal thread issues ids.
 *
 * <p>A single instance uses all 20 low bits as a counter (2^20 ids per millisecond before it borrows the next
 * millisecond). In a cluster ({@code cluster.instances} > 1) instances issue ids at the same milliseconds, and a
 * tenant bound through a balancer to two of them must never get one id for two messages (its receipts would be
 * ambiguous): there the low bits are {@code instance << 10 | counter}, so instance ordinals up to
 * {@link ClusterConfig#MAX_INSTANCES} - 1 (10 bits) each own their ids, 1,024 per millisecond before borrowing.
 */
public final class MessageIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MILLIS_SHIFT = 20;
    static final int CLUSTER_COUNTER_BITS = 10;

    private final long instanceBits;
    private final long counterMask;
    private long last;

    /** The single-instance layout. */
    public MessageIds() {
        this(ClusterConfig.SINGLE);
    }

    public MessageIds(ClusterConfig cluster) {
        if (cluster.instances() == 1) {
            instanceBits = 0;
            counterMask = (1L << MILLIS_SHIFT) - 1;
        } else {
            if (cluster.instance() >= 1 << (MILLIS_SHIFT - CLUSTER_COUNTER_BITS)) {
                throw new IllegalArgumentException("instance " + cluster.instance() + " does not fit the id");
            }
            instanceBits = (long) cluster.instance() << CLUSTER_COUNTER_BITS;
            counterMask = (1L << CLUSTER_COUNTER_BITS) - 1;
        }
    }

    public long next(long nowMillis) {
        long candidate = nowMillis << MILLIS_SHIFT | instanceBits;
        if (candidate > last) {
            last = candidate;
        } else if ((last & counterMask) != counterMask) {
            last++;
        } else { // this millisecond's counter is used up: borrow the next millisecond, keeping the instance's bits
            last = ((last >>> MILLIS_SHIFT) + 1) << MILLIS_SHIFT | instanceBits;
        }
        return last;
    }

    public static String render(long id) {
        char[] c = new char[16];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (id & 0xF)];
            id >>>= 4;
        }
        return new String(c);
    }

    public static long parse(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }
}
