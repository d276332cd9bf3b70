package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.testing.GatewayConfigs;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A volume under storage.minFreeMegabytes refuses new work with a clear status instead of risking a write. */
class FullDiskTest {
    @TempDir
    Path storage;

    @Test
    void submitsAreRefusedWithMessageQueueFullWhenTheStorageVolumeIsUnderItsFloor() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"))) {
            GatewayConfig c = GatewayFixture.config(storage, smsc.port());
            // No test machine has a petabyte free: to the gateway this volume is full.
            GatewayConfig full = GatewayConfigs.from(c).storage(new StorageConfig(c.storage().dir(), 1L << 30)).build();
            try (Gateway gateway = Gateway.start(full);
                 CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                         SmppBindType.TRANSCEIVER)) {
                assertEquals(SMPPConstant.STAT_ESME_RMSGQFUL, tenant.submit("447900555", "no room").getCommandStatus());
                assertEquals(0, smsc.counters().submitsReceived());
            }
        }
    }
}
