package io.edgegw.core.usage;

/**
 * The ACCEPTED events made last, by gateway id, so that a message's ROUTED event (a carrier accepted it, usually
 * milliseconds later) takes its segments and destination from there instead of reading the message back from the
 * tenant's inbound queue ({@link InboundLookup}, a Chronicle index scan and the whole message decoded). A fixed table,
 * each id in one slot by a hash of it (a newer id overwrites an older one): bounded whatever the traffic, and a miss
 * only costs the lookup. Usage reader thread only.
 */
final class RecentAccepted {
    private final long[] ids;
    private final int[] tenants;
    private final UsageRecord[] events;
    private final int shift;

    /** A table of {@code 2^bits} slots. */
    RecentAccepted(int bits) {
        if (bits < 1 || bits > 24) {
            throw new IllegalArgumentException("bits " + bits);
        }
        ids = new long[1 << bits];
        tenants = new int[1 << bits];
        events = new UsageRecord[1 << bits];
        shift = 64 - bits;
    }

    /** Keeps tenant {@code tenant}'s ACCEPTED event {@code r} (one with no gateway id, unreadable, is not kept). */
    void put(int tenant, UsageRecord r) {
        long id = r.gatewayId();
        if (id == 0) {
            return;
        }
        int s = slot(id);
        ids[s] = id;
        tenants[s] = tenant;
        events[s] = r;
    }

    /** Tenant {@code tenant}'s ACCEPTED event of {@code gatewayId} if it is still kept, else null. */
    UsageRecord get(int tenant, long gatewayId) {
        int s = slot(gatewayId);
        return ids[s] == gatewayId && tenants[s] == tenant && gatewayId != 0 ? events[s] : null;
    }

    private int slot(long id) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
