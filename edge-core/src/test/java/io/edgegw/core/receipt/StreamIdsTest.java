package io.edgegw.core.receipt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis stream ids ({@code ms-seq}) as the tenant streams' trim compares them: by number, not as text. */
class StreamIdsTest {
    @Test
    void idsCompareByTimeThenSequenceAsNumbers() {
        assertTrue(OutboundStreams.compareIds("9-0", "10-0") < 0, "not as text");
        assertTrue(OutboundStreams.compareIds("10-9", "10-10") < 0);
        assertEquals(0, OutboundStreams.compareIds("5-3", "5-3"));
        assertEquals("10-10", OutboundStreams.maxId(new String[]{"10-9", "9-99", "10-10", "2-0"}));
    }

    @Test
    void theSuccessorOfAnIdIsTheNextSequenceOfTheSameMillisecond() {
        assertEquals("1700000000000-1", OutboundStreams.successor("1700000000000-0"));
        assertEquals("7-100", OutboundStreams.successor("7-99"));
    }
}
