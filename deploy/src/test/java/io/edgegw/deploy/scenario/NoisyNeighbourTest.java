package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The noisy-neighbour scenario, small: noisy bursts 20x the carrier's capacity while steady sends evenly. Asserts
 * behaviour, not timing: steady is never refused and every one of its messages is receipted while noisy still has a
 * backlog queued (in a shared first-in-first-out queue steady would have waited behind all of it); noisy's whole
 * burst is accepted.
 */
class NoisyNeighbourTest {
    @TempDir
    Path storage;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBurstingTenantDoesNotHoldBackASteadyOne() throws Exception {
        // carrier: window 5 over 10 ms = 500 msg/s; noisy: 6,000 at once; steady: 20/s for 3 s
        NoisyNeighbour.Settings s = new NoisyNeighbour.Settings(5, 10, 5, 20, 3, 0, 6_000, 0);
        NoisyNeighbour.Result r = NoisyNeighbour.run(s, storage, new PrintStream(System.out));
        System.out.println(r.verdict());
        assertEquals(60, r.steadyDuringBurst().acknowledged());
        assertEquals(60, r.steadyDuringBurst().receiptsMatched(), "every steady message receipted");
        assertEquals(0, r.steadyDuringBurst().throttled());
        assertEquals(6_000, r.burst().acknowledged(), "the whole burst is accepted, none refused");
        assertTrue(r.noisyBacklogAtEnd() > 1_000, "steady finished while noisy still had "
                + r.noisyBacklogAtEnd() + " queued");
        assertTrue(r.isolated());
    }
}
