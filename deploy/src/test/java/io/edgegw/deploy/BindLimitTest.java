package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.type.SmppBindException;
import io.edgegw.core.Gateway;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A tenant's maxBinds counts every bind type, and a bind that ends gives its slot back. */
class BindLimitTest {
    @TempDir
    Path storage;

    @Test
    void transmitterBindsCountTowardMaxBindsAndAreReleasedOnUnbind() throws Exception {
        int noCarrier;
        try (ServerSocket reserve = new ServerSocket(0)) {
            noCarrier = reserve.getLocalPort();
        }
        try (Gateway gateway = GatewayFixture.start(storage, noCarrier)) {
            int port = GatewayFixture.smppPort(gateway);
            CloudhopperTenant first = new CloudhopperTenant(port, "solo", "solo-pw", SmppBindType.TRANSMITTER);

            SmppBindException refused = assertThrows(SmppBindException.class,
                    () -> new CloudhopperTenant(port, "solo", "solo-pw", SmppBindType.TRANSMITTER));
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, refused.getBindResponse().getCommandStatus());

            first.close();
            // The slot comes back once the gateway has seen the session end.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                new CloudhopperTenant(port, "solo", "solo-pw", SmppBindType.TRANSMITTER).close();
                return true;
            });
        }
    }
}
