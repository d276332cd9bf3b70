package io.edgegw.core.pipeline;

import com.lmax.disruptor.EventHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The journal's readers are told once per batch the journal handled, after it, even when the handler threw. */
class AfterBatchTest {
    private final List<String> seen = new ArrayList<>();

    @Test
    void runsOnceAfterTheLastEventOfEachBatch() throws Exception {
        EventHandler<String> handler = (e, seq, end) -> seen.add(e);
        AfterBatch<String> h = new AfterBatch<>(handler, () -> seen.add("after"));
        h.onEvent("a", 0, false);
        h.onEvent("b", 1, true);
        h.onEvent("c", 2, true);
        assertEquals(List.of("a", "b", "after", "c", "after"), seen);
    }

    @Test
    void runsAfterABatchWhoseLastEventThrew() {
        EventHandler<String> handler = (e, seq, end) -> {
            throw new IllegalStateException("disk");
        };
        AfterBatch<String> h = new AfterBatch<>(handler, () -> seen.add("after"));
        assertThrows(IllegalStateException.class, () -> h.onEvent("a", 0, true));
        assertEquals(List.of("after"), seen);
    }

    @Test
    void passesTheLifecycleOn() {
        EventHandler<String> handler = new EventHandler<>() {
            @Override
            public void onEvent(String e, long seq, boolean end) {
            }

            @Override
            public void onStart() {
                seen.add("start");
            }

            @Override
            public void onShutdown() {
                seen.add("shutdown");
            }
        };
        AfterBatch<String> h = new AfterBatch<>(handler, () -> seen.add("after"));
        h.onStart();
        h.onShutdown();
        assertEquals(List.of("start", "shutdown"), seen);
    }
}
