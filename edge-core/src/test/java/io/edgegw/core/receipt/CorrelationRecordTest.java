package io.edgegw.core.receipt;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A correlation reads back as written; a part's count and place follow the fields every reader knows. */
class CorrelationRecordTest {
    private static Correlation roundTrip(Correlation c) {
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        CorrelationRecord.write(b, "telco|c1", c);
        StringBuilder key = new StringBuilder();
        assertTrue(CorrelationRecord.readKey(b, key));
        assertEquals("telco|c1", key.toString());
        Correlation back = CorrelationRecord.readCorrelation(b);
        assertEquals(0, b.readRemaining());
        b.releaseLast();
        return back;
    }

    @Test
    void aWholeMessagesCorrelationIsTheRecordOfBefore() {
        Correlation c = new Correlation("acme", 42, (byte) 1);
        assertEquals(c, roundTrip(c));
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        CorrelationRecord.write(b, "telco|c1", c);
        // version, key, tenant, gateway id, registered_delivery: nothing more, so an earlier gateway reads it
        assertEquals(1 + 1 + 8 + 1 + 4 + 8 + 1, b.readRemaining());
        b.releaseLast();
    }

    @Test
    void aPartsCorrelationKeepsItsPlace() {
        Correlation c = new Correlation("acme", 42, (byte) 1, 255, 254);
        assertEquals(c, roundTrip(c));
    }

    /**
     * A whole entry reads back as the carrier (the key up to its first '|') and the correlation, the same on a second
     * round, when the ids come from the reader's cache.
     */
    @Test
    void anEntryReadsBackAsItsCarrierAndCorrelation() {
        io.edgegw.core.queue.StringCache strings = new io.edgegw.core.queue.StringCache(4);
        Correlation[] cs = {new Correlation("acme", 42, (byte) 1), new Correlation("acme", 43, (byte) 0, 3, 2),
            new Correlation("globex", 44, (byte) 1)};
        String[] keys = {"telco|c1", "telco|c2|odd", "other-carrier.x|"};
        String[] carriers = {"telco", "telco", "other-carrier.x"};
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < cs.length; k++) {
                Bytes<?> b = Bytes.allocateElasticOnHeap(64);
                CorrelationRecord.write(b, keys[k], cs[k]);
                assertEquals(new CorrelationRecord.Entry(carriers[k], cs[k]), CorrelationRecord.read(b, strings));
                assertEquals(0, b.readRemaining());
                b.releaseLast();
            }
        }
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        CorrelationRecord.write(b, keys[1], cs[1]);
        assertEquals(new CorrelationRecord.Entry("telco", cs[1]), CorrelationRecord.read(b), "without a cache");
        b.releaseLast();
        Bytes<?> bad = Bytes.allocateElasticOnHeap(64);
        CorrelationRecord.write(bad, "no-bar", cs[0]);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> CorrelationRecord.read(bad, strings));
        bad.releaseLast();
    }
}
