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

    /** Runs the scenario small (4,000 messages at 1,000/s, the fault after 2,000) and checks what every mode must. */
    private static ScenarioResult passes(String fault, int downSeconds, Path storage) throws Exception {
        ScenarioResult r = CarrierLossCommand.run(4_000, 1_000, 2_000, downSeconds, 60, fault, storage, System.out);
        System.out.println(r.verdict());
        assertTrue(r.passed(), String.join("; ", r.problems()));
        assertEquals("0", r.value("lost"));
        assertEquals("4000/4000", r.value("receipts"));
        assertTrue(Long.parseLong(r.value("on-b")) > 0, "carrier-b took traffic");
        return r;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void whenThePreferredCarrierDiesItsTrafficMovesAndNothingIsLost() throws Exception {
        passes("drop", 2, storage);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void whenThePreferredCarrierGoesSilentItsInFlightMessagesAreSentElsewhere() throws Exception {
        passes("silent", 4, storage);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void whenThePreferredCarrierFailsHalfItsSubmitsTrafficMovesAwayAndNothingIsLost() throws Exception {
        ScenarioResult r = passes("errors", 3, storage);
        // once found out it rests: apart from what was already on its way, it gets nothing while faulty
        assertTrue(Long.parseLong(r.value("sent-to-a-while-faulty")) < 200, r.value("sent-to-a-while-faulty"));
    }
}
