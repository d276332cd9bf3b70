package io.edgegw.core.receipt;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's in-place receipt reader finds what {@link DeliveryReceipt#parse} finds, octet for octet. */
class ReceiptTextTest {
    private static final String[] KEYS = {"id:", "sub:", "dlvrd:", "submit date:", "done date:", "stat:", "err:",
            "text:", "submit  date:", "done\tdate:", "sid:", "xid:", "Id:", "STAT:", "Done Date:"};
    private static final String[] GAPS = {" ", " ", " ", "  ", "\t", "\n", "", "\u00a0", "\u001c"};

    @Test
    void theStandardLayoutIsRewrittenWithTheGatewayId() {
        byte[] carrier = ("id:0123456789 sub:001 dlvrd:001 submit date:2611230915 done date:2611230916 stat:DELIVRD "
                + "err:000 text:hello").getBytes(StandardCharsets.ISO_8859_1);
        ReceiptText text = new ReceiptText();
        assertTrue(text.parse(carrier));
        assertEquals("0123456789", text.id());
        assertEquals("DELIVRD", text.stat());
        assertEquals("id:00ff00ff00ff00ff sub:001 dlvrd:001 submit date:2611230915 done date:2611230916 stat:DELIVRD "
                + "err:000 text:hello", new String(text.format("00ff00ff00ff00ff"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void textWithoutAnIdIsNoReceipt() {
        ReceiptText text = new ReceiptText();
        assertFalse(text.parse("hello, this is an MO message".getBytes(StandardCharsets.ISO_8859_1)));
        assertFalse(text.parse(null));
    }

    @Test
    void readsEveryTextAsDeliveryReceiptDoes() {
        Random random = new Random(16);
        ReceiptText text = new ReceiptText();
        int receipts = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] payload = i % 10 == 0 ? randomOctets(random) : receiptLike(random);
            DeliveryReceipt expected = DeliveryReceipt.parse(payload);
            String what = new String(payload, StandardCharsets.ISO_8859_1);
            assertEquals(expected != null, text.parse(payload), what);
            if (expected == null) {
                continue;
            }
            receipts++;
            assertEquals(expected.id(), text.id(), what);
            assertEquals(expected.stat(), text.stat(), what);
            String gatewayId = Long.toHexString(random.nextLong());
            assertArrayEquals(expected.withId(gatewayId).format().getBytes(StandardCharsets.ISO_8859_1),
                    text.format(gatewayId), what);
        }
        assertTrue(receipts > 10_000, "enough of the texts were receipts: " + receipts);
    }

    @Test
    void onlyTheFirstKilobyteIsRead() {
        String body = "id:42 stat:DELIVRD text:" + "x".repeat(2000) + " err:123";
        ReceiptText text = new ReceiptText();
        assertTrue(text.parse(body.getBytes(StandardCharsets.ISO_8859_1)));
        byte[] formatted = text.format("1");
        DeliveryReceipt expected = DeliveryReceipt.parse(body.getBytes(StandardCharsets.ISO_8859_1));
        assertNotNull(expected);
        assertArrayEquals(expected.withId("1").format().getBytes(StandardCharsets.ISO_8859_1), formatted);
    }

    private static byte[] receiptLike(Random random) {
        StringBuilder b = new StringBuilder();
        int fields = random.nextInt(10);
        for (int f = 0; f < fields; f++) {
            if (f > 0 || random.nextBoolean()) {
                b.append(GAPS[random.nextInt(GAPS.length)]);
            }
            String key = KEYS[random.nextInt(KEYS.length)];
            b.append(random.nextInt(4) == 0 ? key.toUpperCase() : key);
            if (random.nextInt(5) == 0) {
                b.append(GAPS[random.nextInt(GAPS.length)]);
            }
            int n = random.nextInt(14);
            for (int c = 0; c < n; c++) {
                int kind = random.nextInt(10);
                b.append(kind < 6 ? (char) ('0' + random.nextInt(10)) : kind < 8 ? (char) ('A' + random.nextInt(26))
                        : kind < 9 ? ' ' : (char) random.nextInt(256));
            }
        }
        if (random.nextInt(50) == 0) {
            b.append(" text:").append("y".repeat(1100)).append(" stat:EXPIRED");
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomOctets(Random random) {
        byte[] b = new byte[random.nextInt(80)];
        random.nextBytes(b);
        if (b.length > 4 && random.nextBoolean()) {
            b[0] = 'i';
            b[1] = 'd';
            b[2] = ':';
        }
        return b;
    }
}
