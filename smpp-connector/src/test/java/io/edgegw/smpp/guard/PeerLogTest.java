package io.edgegw.smpp.guard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerLogTest {
    @Test
    void aPeersLineBreaksCannotForgeALogLine() {
        assertEquals("acme?12:00:00.000 ERROR forged??x?y",
                PeerLog.printable("acme\n12:00:00.000 ERROR forged\r\u0085x\u2028y"));
    }

    @Test
    void aPeersLongFieldIsCut() {
        String logged = PeerLog.printable("x".repeat(65_000));
        assertTrue(logged.length() < PeerLog.MAX_ARGUMENT_CHARS + 30, logged);
        assertTrue(logged.endsWith("...(64800 more)"), logged);
    }

    @Test
    void onlyTextIsTouched() {
        Object[] args = PeerLog.printable(new Object[] {"a\tb", 42, null});
        assertEquals("a?b", args[0]);
        assertEquals(42, args[1]);
        assertEquals(null, args[2]);
    }
}
