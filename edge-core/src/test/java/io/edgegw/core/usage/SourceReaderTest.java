package io.edgegw.core.usage;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A receipt's receipted gateway id is read from its hex octets; anything else in that field is refused. */
class SourceReaderTest {
    private static long receipted(String id) {
        Bytes<?> b = Bytes.allocateElasticOnHeap(32);
        try {
            b.write8bit(id);
            return SourceReader.receiptedId(b, b.readStopBit());
        } finally {
            b.releaseLast();
        }
    }

    @Test
    void hexIdsReadAsTheirNumberAndAnythingElseThrows() {
        assertEquals(0x0193f5a1c2d3e4f5L, receipted("0193f5a1c2d3e4f5"));
        assertEquals(0xffffffffffffffffL, receipted("FFFFFFFFFFFFFFFF"));
        assertEquals(0x2aL, receipted("2a"));
        assertThrows(IllegalStateException.class, () -> receipted(""));
        assertThrows(IllegalStateException.class, () -> receipted("0193f5a1c2d3e4f5a"), "17 digits");
        assertThrows(IllegalStateException.class, () -> receipted("12g4"));
        assertThrows(IllegalStateException.class, () -> receipted("+12"));
    }
}
