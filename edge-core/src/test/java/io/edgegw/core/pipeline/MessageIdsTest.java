package io.edgegw.core.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageIdsTest {
    @Test
    void idsIssuedInTheSameMillisecondStillIncreaseAndRenderAsSixteenHexDigits() {
        MessageIds ids = new MessageIds();
        long a = ids.next(1_763_890_000_000L);
        long b = ids.next(1_763_890_000_000L);
        long c = ids.next(1_763_889_999_999L); // clock stepped back: still increasing
        assertTrue(a < b && b < c);
        String text = MessageIds.render(b);
        assertTrue(text.matches("[0-9a-f]{16}"), text);
        assertEquals(b, MessageIds.parse(text));
    }
}
