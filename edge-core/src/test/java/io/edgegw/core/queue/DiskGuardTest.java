package io.edgegw.core.queue;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskGuardTest {
    private static final long MB = 1 << 20;

    @Test
    void refusesWorkBelowTheFloorFromTheFirstLookAndAcceptsAgainOnceSpaceIsFreed() {
        AtomicLong usable = new AtomicLong(50 * MB);
        DiskGuard guard = new DiskGuard(usable::get, 100 * MB, "test");
        assertTrue(guard.isFull(), "decided at construction, before any submit");
        assertEquals(50 * MB, guard.freeBytes());

        usable.set(500 * MB);
        guard.check();
        assertFalse(guard.isFull());

        usable.set(100 * MB - 1);
        guard.check();
        assertTrue(guard.isFull());
    }

    @Test
    void aZeroFloorNeverRefuses() {
        assertFalse(new DiskGuard(() -> 0, 0, "test").isFull());
    }
}
