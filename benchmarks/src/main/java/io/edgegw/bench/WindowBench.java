package io.edgegw.bench;

import io.edgegw.smpp.window.SequenceNumbers;
import io.edgegw.smpp.window.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * A carrier bind's {@link Window}: one submit offered (a fresh sequence number, its slot taken) and the oldest
 * outstanding one completed by its response, with the window kept {@code outstanding} deep, as a bind of window 200
 * runs under load. One thread does both here; in the gateway the dispatcher offers and the event loop completes, so
 * this is the cost without the cache traffic between the two cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WindowBench {
    @Param({"150"})
    int outstanding;

    private Window<Object> window;
    private int[] sequences;
    private int head;
    private final Object request = new Object();

    @Setup
    public void setUp() {
        window = new Window<>(200, new SequenceNumbers());
        sequences = new int[outstanding];
        for (int i = 0; i < outstanding; i++) {
            sequences[i] = window.offer(request, Long.MAX_VALUE);
            if (sequences[i] < 0) {
                throw new IllegalStateException("the window refused offer " + i + " of " + outstanding);
            }
        }
    }

    /** Offer one, complete the oldest: the window's work per message. */
    @Benchmark
    public Window.Entry<Object> offerAndComplete() {
        Window.Entry<Object> done = window.complete(sequences[head]);
        sequences[head] = window.offer(request, System.nanoTime() + 10_000_000_000L);
        head = head + 1 == outstanding ? 0 : head + 1;
        return done;
    }
}
