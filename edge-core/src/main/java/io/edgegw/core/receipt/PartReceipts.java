package io.edgegw.core.receipt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final receipts of the parts of messages sent split ({@code carriers[].longMessages}), so the tenant gets one
 * receipt for the one message it submitted: at the first part that failed (with that part's state), or once every
 * part was delivered. Journal thread only.
 * <p>
 * Kept in memory only, from the moment the parts' correlations are journaled, and bounded ({@link #MAX}, oldest
 * first; a tally whose parts are all in stays until then, so a receipt the carrier sends again is not passed on). A part's receipt that finds no tally (the gateway restarted since its message was sent, or the tally was
 * pushed out) is passed on at once: the tenant may then get a receipt per part, duplicates, but never none. That is
 * the trade the durability rule allows (a duplicate, never a loss) without journaling every part's receipt.
 */
final class PartReceipts {
    /** Tallies held at most; the oldest go first. */
    static final int MAX = 100_000;

    /** One message's parts: which have a final receipt (bit per part, up to 255) and whether its receipt went. */
    private static final class Tally {
        final int parts;
        final long[] seen = new long[4];
        int count;
        boolean told;

        Tally(int parts) {
            this.parts = parts;
        }
    }

    private final Map<Long, Tally> byGatewayId = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Tally> eldest) {
            return size() > MAX;
        }
    };

    /** The {@code parts} correlations of message {@code gatewayId} were journaled: its parts' receipts are tallied. */
    void expect(long gatewayId, int parts) {
        byGatewayId.put(gatewayId, new Tally(parts));
    }

    /**
     * A final receipt for part {@code part} of message {@code gatewayId}: whether it is the one to pass on (the first
     * failure, or the last part delivered; or any, when its message has no tally). A part receipted again counts once.
     */
    boolean passOn(long gatewayId, int part, boolean delivered) {
        Tally t = byGatewayId.get(gatewayId);
        if (t == null) {
            return true;
        }
        int bit = part - 1;
        if (bit < 0 || bit >= t.parts || (t.seen[bit >> 6] & 1L << bit) != 0) {
            return false; // a part's receipt sent again, after it was counted
        }
        t.seen[bit >> 6] |= 1L << bit;
        t.count++;
        boolean tell = !t.told && (!delivered || t.count == t.parts);
        t.told |= tell;
        return tell; // kept once all are in, until pushed out: a receipt the carrier sends again stays swallowed
    }

    /** Messages whose parts' receipts are being tallied (for tests). */
    int size() {
        return byGatewayId.size();
    }
}
