package io.edgegw.deploy;

import io.edgegw.core.Gateway;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole way of an SMS: tenant -> gateway -> simulated carrier -> receipt -> back to the tenant. */
class SmsRoundTripTest {
    @TempDir
    Path storage;

    @Test
    void everyAcknowledgedMessageReachesTheCarrierAndItsReceiptComesBackWithTheTenantsId() throws Exception {
        SmscConfig carrier = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge").withTiming(0, 10);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(carrier);
             Gateway gateway = GatewayFixture.start(storage, smsc.port())) {
            LoadConfig load = LoadConfig.of("127.0.0.1", GatewayFixture.smppPort(gateway), "acme", "acme-pw", 2, 2_000)
                    .withRate(0, 20).withReceipts(true, 60);

            LoadReport report = new LoadGenerator(load, new PrintStream(OutputStream.nullOutputStream())).run();

            assertEquals(2_000, report.submitted(), report.toText());
            assertEquals(2_000, report.acknowledged(), report.toText());
            // Receipts are matched by the ids the gateway gave in submit_sm_resp, so they carry the gateway's ids.
            assertEquals(2_000, report.receiptsMatched(), report.toText());
            assertEquals(0, report.receiptsUnmatched(), report.toText());
            assertTrue(smsc.counters().submitsReceived() >= 2_000, smsc.counters().statusLine());
        }
    }
}
