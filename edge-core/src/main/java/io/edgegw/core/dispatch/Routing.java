package io.edgegw.core.dispatch;

import io.edgegw.core.config.QualityConfig;
import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.route.Route;
import io.edgegw.core.route.RouteTable;

import java.util.SplittableRandom;

/**
 * The dispatcher's routes: the table (replaced whole by an operator's reload), each route's own view of its
 * candidates' quality, and the weighted order among equally ranked candidates. Dispatcher thread only.
 */
final class Routing {
    private final QualityConfig qualityConfig;
    /** Weighted draws among equally ranked candidates; one thread, so not shared. */
    private final SplittableRandom random = new SplittableRandom(0x5eed);
    private RouteTable table;
    /** [route index][candidate], made on a route's first use. */
    private CarrierQuality[][] quality;
    private int runLead;

    Routing(RouteTable table, QualityConfig qualityConfig) {
        this.qualityConfig = qualityConfig;
        replace(table);
    }

    RouteTable table() {
        return table;
    }

    Route lookup(String tenantId, CharSequence destination) {
        return table.lookup(tenantId, destination);
    }

    /** Routes by {@code next} from now on; per-route quality starts over. */
    void replace(RouteTable next) {
        table = next;
        quality = new CarrierQuality[next.size()][];
    }

    /** The quality of candidate {@code k} on {@code route}, made on first use. */
    CarrierQuality quality(Route route, int k) {
        CarrierQuality[] q = quality[route.index()];
        if (q == null) {
            q = new CarrierQuality[route.size()];
            for (int i = 0; i < q.length; i++) {
                q[i] = new CarrierQuality(route.get(i).carrierId() + " for prefix '" + route.prefix() + "'",
                        qualityConfig);
            }
            quality[route.index()] = q;
        }
        return q[k];
    }

    /** What each candidate of {@code route} has shown so far, or null for a route not used yet. */
    CarrierQuality[] qualities(Route route) {
        return quality[route.index()];
    }

    /** A final receipt for {@code number}: it tells how the carrier delivers on that number's route. */
    void receipted(String carrierId, String tenantId, String number, boolean delivered, long now) {
        Route route = table.lookup(tenantId, number);
        for (int k = 0; k < route.size(); k++) {
            if (route.get(k).carrierId().equals(carrierId)) {
                quality(route, k).receipted(delivered, now);
                return;
            }
        }
    }

    /**
     * The candidate to try {@code k}-th. Candidates come sorted by priority then cost; within a run of equal
     * priority and cost the first one tried is drawn by weight (the others follow in order), so their traffic
     * spreads by weight while each still takes over when another has no room.
     */
    int spread(Route carriers, int k) {
        RouteCandidate c = carriers.get(k);
        int start = k;
        while (start > 0 && sameRank(carriers.get(start - 1), c)) {
            start--;
        }
        int end = k + 1;
        while (end < carriers.size() && sameRank(carriers.get(end), c)) {
            end++;
        }
        int n = end - start;
        if (n == 1) {
            return k;
        }
        if (k == start) { // first of its run: draw who leads it this time
            int total = 0;
            for (int i = start; i < end; i++) {
                total += carriers.get(i).weight();
            }
            int draw = random.nextInt(total);
            int lead = start;
            while (draw >= carriers.get(lead).weight()) {
                draw -= carriers.get(lead).weight();
                lead++;
            }
            runLead = lead - start;
        }
        return start + (runLead + (k - start)) % n;
    }

    /** The end (exclusive) of the run of candidates ranked as {@code start} is, from {@code start} on. */
    static int runEnd(Route carriers, int start) {
        int end = start + 1;
        while (end < carriers.size() && sameRank(carriers.get(end), carriers.get(start))) {
            end++;
        }
        return end;
    }

    /**
     * The candidate of the run {@code start..end-1} that {@code hash} picks, by weight as {@link #spread} draws: the
     * same hash picks the same candidate every time, so the parts of one long message go to one carrier.
     */
    static int byHash(Route carriers, int start, int end, int hash) {
        int total = 0;
        for (int i = start; i < end; i++) {
            total += carriers.get(i).weight();
        }
        int draw = Math.floorMod(hash, total);
        int pick = start;
        while (draw >= carriers.get(pick).weight()) {
            draw -= carriers.get(pick).weight();
            pick++;
        }
        return pick;
    }

    private static boolean sameRank(RouteCandidate a, RouteCandidate b) {
        return a.priority() == b.priority() && a.cost() == b.cost();
    }
}
