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
}
