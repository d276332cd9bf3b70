package io.edgegw.core.usage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The table of recent ACCEPTED events: found by id and tenant only, bounded, an overwritten one is a miss. */
class RecentAcceptedTest {
    private static UsageRecord accepted(long gatewayId) {
        return new UsageRecord(UsageRecord.ACCEPTED, "acme", 1, gatewayId, 0, 2, "GSM7", 0, "4477", "44");
    }

    @Test
    void foundByItsIdAndTenantOnly() {
        RecentAccepted recent = new RecentAccepted(4);
        UsageRecord r = accepted(1234L << 20);
        recent.put(3, r);
        assertSame(r, recent.get(3, 1234L << 20));
        assertNull(recent.get(2, 1234L << 20), "another tenant's");
        assertNull(recent.get(3, (1234L << 20) + 1), "another id");
        recent.put(3, accepted(0));
        assertNull(recent.get(3, 0), "an unreadable record (id 0) is never found");
    }

    @Test
    void aFullTableKeepsTheNewestAndMissesOverwrittenOnes() {
        RecentAccepted recent = new RecentAccepted(4); // 16 slots
        int n = 1000;
        UsageRecord[] rs = new UsageRecord[n];
        for (int k = 0; k < n; k++) {
            rs[k] = accepted((5000L << 20) + k);
            recent.put(0, rs[k]);
        }
        assertSame(rs[n - 1], recent.get(0, rs[n - 1].gatewayId()), "the newest is always there");
        int found = 0;
        for (int k = 0; k < n; k++) {
            UsageRecord got = recent.get(0, rs[k].gatewayId());
            if (got != null) {
                assertSame(rs[k], got, "never another message's event");
                found++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(found <= 16, "at most a slot each: " + found);
    }
}
