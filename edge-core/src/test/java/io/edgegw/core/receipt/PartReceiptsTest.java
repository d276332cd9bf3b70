package io.edgegw.core.receipt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One receipt per message sent split: at its first failed part, or once every part was delivered; none lost. */
class PartReceiptsTest {
    private final PartReceipts tally = new PartReceipts();

    @Test
    void theLastDeliveredPartPassesTheReceiptOn() {
        tally.expect(7, 3);
        assertFalse(tally.passOn(7, 2, true));
        assertFalse(tally.passOn(7, 1, true));
        assertTrue(tally.passOn(7, 3, true));
        assertFalse(tally.passOn(7, 3, true), "a receipt the carrier sends again after all are in");
    }

    @Test
    void theFirstFailedPartPassesItsReceiptOnAndNothingAfter() {
        tally.expect(7, 3);
        assertFalse(tally.passOn(7, 1, true));
        assertTrue(tally.passOn(7, 2, false));
        assertFalse(tally.passOn(7, 3, true), "the message was told already");
        assertFalse(tally.passOn(7, 3, false));
    }

    @Test
    void aPartReceiptedTwiceCountsOnce() {
        tally.expect(7, 2);
        assertFalse(tally.passOn(7, 1, true));
        assertFalse(tally.passOn(7, 1, true), "the carrier sent part 1's receipt again");
        assertTrue(tally.passOn(7, 2, true));
    }

    @Test
    void aPartOfAMessageWithNoTallyPassesOn() { // sent before a restart: a duplicate at worst, never none
        assertTrue(tally.passOn(8, 1, true));
        assertTrue(tally.passOn(8, 2, true));
    }

    @Test
    void thePartsOf255AreTalliedEach() {
        tally.expect(9, 255);
        for (int part = 1; part < 255; part++) {
            assertFalse(tally.passOn(9, part, true));
        }
        assertTrue(tally.passOn(9, 255, true));
    }

    @Test
    void talliesAreBounded() {
        for (int i = 0; i <= PartReceipts.MAX; i++) {
            tally.expect(i, 2);
        }
        assertEquals(PartReceipts.MAX, tally.size());
        assertTrue(tally.passOn(0, 1, true), "the oldest was pushed out: its parts pass on");
    }
}
