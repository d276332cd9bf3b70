package io.edgegw.core.receipt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeliveryReceiptTest {
    @Test
    void theStandardLayoutParses() {
        DeliveryReceipt r = DeliveryReceipt.parse("id:0123456789 sub:001 dlvrd:001 submit date:2611230915 "
                + "done date:2611230916 stat:DELIVRD err:000 text:hello there");
        assertEquals("0123456789", r.id());
        assertEquals("2611230915", r.submitDate());
        assertEquals("DELIVRD", r.stat());
        assertEquals("000", r.err());
        assertEquals("hello there", r.text());
    }

    @Test
    void hexIdsTwelveDigitDatesAnyCaseAndExtraSpacesParse() {
        DeliveryReceipt r = DeliveryReceipt.parse("ID:1a2B3c  SUB:001 Dlvrd:001  Submit  Date:261123091500 "
                + "DONE DATE:261123091601   Stat:UNDELIV ERR:012");
        assertEquals("1a2B3c", r.id());
        assertEquals("261123091500", r.submitDate());
        assertEquals("261123091601", r.doneDate());
        assertEquals("UNDELIV", r.stat());
        assertEquals("012", r.err());
        assertNull(r.text());
    }

    @Test
    void aTabBetweenTheWordsOfADateKeyParsesToo() {
        DeliveryReceipt r = DeliveryReceipt.parse("id:77 sub:001 dlvrd:001 submit\tdate:2611230915 done\t date:2611230916 "
                + "stat:DELIVRD err:000");
        assertEquals("2611230915", r.submitDate());
        assertEquals("2611230916", r.doneDate());
    }

    @Test
    void textWithoutAnIdIsNotAReceipt() {
        assertNull(DeliveryReceipt.parse("hello, this is an MO message"));
    }

    @Test
    void formattedReceiptParsesBackToTheSameFields() {
        DeliveryReceipt r = new DeliveryReceipt("00ff00ff00ff00ff", "001", "001", "2611230915", "2611230916",
                "DELIVRD", "000", "");
        assertEquals(r, DeliveryReceipt.parse(r.format()));
    }
}
