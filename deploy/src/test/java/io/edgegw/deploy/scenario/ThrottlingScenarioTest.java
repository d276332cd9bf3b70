package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throttling scenario, small: a carrier capped at 500/s, the tenant sending at 1,000/s. No timing asserted. */
class ThrottlingScenarioTest {
    @TempDir
    Path storage;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aThrottlingCarrierLosesNothingAndEveryReceiptComesBack() throws Exception {
        ScenarioResult r = ThrottlingCommand.run(3_000, 1_000, 500, 90, storage, System.out);
        System.out.println(r.verdict());
        assertTrue(r.passed(), String.join("; ", r.problems()));
        assertEquals("0", r.value("lost"));
        assertEquals("3000", r.value("delivered"));
        assertEquals("3000/3000", r.value("receipts"));
    }
}
