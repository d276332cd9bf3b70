package io.edgegw.core.queue;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Strings from the cache are the octets read, whatever shares a slot; a repeat is the same String. */
class StringCacheTest {
    private static String read(StringCache cache, String s) {
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        b.write8bit(s);
        b.writeByte((byte) 7);
        String got = QueueRecords.readString(b, cache);
        assertEquals(7, b.readByte(), "read exactly past the string");
        b.releaseLast();
        return got;
    }

    @Test
    void aRepeatIsTheSameStringAndACollisionIsNeverTheWrongOne() {
        StringCache cache = new StringCache(1); // two slots: collisions on purpose
        String first = read(cache, "acme");
        assertSame(first, read(cache, "acme"));
        for (int k = 0; k < 200; k++) {
            String s = "t" + k;
            assertEquals(s, read(cache, s));
            assertEquals("acme", read(cache, "acme"));
        }
        assertEquals("", read(cache, ""));
        String longer = "x".repeat(StringCache.MAX_LENGTH + 1);
        assertEquals(longer, read(cache, longer));
        assertNotSame(read(cache, longer), read(cache, longer), "long strings are not kept");
        assertEquals("\u00e9t\u00e9", read(cache, "\u00e9t\u00e9"), "Latin-1 octets");
    }
}
