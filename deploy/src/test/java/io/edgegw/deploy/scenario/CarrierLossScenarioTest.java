package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The carrier-loss scenario, small: the preferred carrier drops every connection and refuses binds mid-load, then
 * comes back. Nothing acknowledged is lost, traffic moves to the other carrier, the dead one gets nothing while
 * down, and its held receipts arrive once it is back. No timing is asserted.
 */
class CarrierLossScenarioTest {
    @TempDir
    Path storage;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void whenThePreferredCarrierDiesItsTrafficMovesAndNothingIsLost() throws Exception {
        ScenarioResult r = CarrierLossCommand.run(4_000, 1_000, 2_000, 2, 60, false, storage, System.out);
        System.out.println(r.verdict());
        assertTrue(r.passed(), String.join("; ", r.problems()));
        assertEquals("0", value(r, "lost"));
        assertEquals("4000/4000", value(r, "receipts"));
        assertTrue(Long.parseLong(value(r, "on-b")) > 0, "carrier-b took traffic");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void whenThePreferredCarrierGoesSilentItsInFlightMessagesAreSentElsewhere() throws Exception {
        ScenarioResult r = CarrierLossCommand.run(4_000, 1_000, 2_000, 4, 60, true, storage, System.out);
        System.out.println(r.verdict());
        assertTrue(r.passed(), String.join("; ", r.problems()));
        assertEquals("0", value(r, "lost"));
        assertEquals("4000/4000", value(r, "receipts"));
        assertTrue(Long.parseLong(value(r, "on-b")) > 0, "carrier-b took traffic");
    }

    private static String value(ScenarioResult r, String name) {
        return r.figures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }
}
