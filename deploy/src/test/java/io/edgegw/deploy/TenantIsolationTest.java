package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.type.SmppBindException;
import io.edgegw.core.Gateway;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-tenant limits over real SMPP sessions (Cloudhopper as the tenants): each tenant's rate, queue quota and source
 * addresses bind only that tenant, while another tenant on the same gateway keeps getting every message accepted.
 */
class TenantIsolationTest {
    @TempDir
    Path storage;

    private static int closedPort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            return reserve.getLocalPort();
        }
    }

    @Test
    void aTenantOverItsRateIsThrottledWhileAnotherIsNot() throws Exception {
        try (Gateway gateway = GatewayFixture.start(storage, closedPort());
             CloudhopperTenant metered = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "metered", "meter-pw",
                     SmppBindType.TRANSMITTER);
             CloudhopperTenant other = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "other", "other-pw",
                     SmppBindType.TRANSMITTER)) {
            int ok = 0;
            int throttled = 0;
            long start = System.nanoTime();
            for (int i = 0; i < 60; i++) {
                int status = metered.submit("447700900" + (100 + i), "m" + i).getCommandStatus();
                if (status == SMPPConstant.STAT_ESME_ROK) {
                    ok++;
                } else {
                    assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, status);
                    throttled++;
                }
                assertEquals(SMPPConstant.STAT_ESME_ROK, other.submit("447700901" + (100 + i), "o" + i).getCommandStatus());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // burst 10, then 20 a second: whatever this machine's speed, no more than that got through
            assertTrue(ok >= 10, "at least the burst is accepted: " + ok);
            assertTrue(ok <= 10 + Math.ceil(seconds * 20) + 1, ok + " accepted in " + seconds + " s");
            assertTrue(throttled > 0, "60 submits as fast as answered exceed 20/s with a burst of 10");
        }
    }

    @Test
    void aTenantAtItsQueueQuotaGetsQueueFullWhileAnotherIsNot() throws Exception {
        // no carrier is reachable: everything accepted stays queued
        try (Gateway gateway = GatewayFixture.start(storage, closedPort());
             CloudhopperTenant capped = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "capped", "cap-pw",
                     SmppBindType.TRANSMITTER);
             CloudhopperTenant other = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "other", "other-pw",
                     SmppBindType.TRANSMITTER)) {
            for (int i = 0; i < 30; i++) {
                assertEquals(SMPPConstant.STAT_ESME_ROK, capped.submit("447700900" + (100 + i), "c" + i).getCommandStatus());
            }
            for (int i = 30; i < 40; i++) {
                assertEquals(SMPPConstant.STAT_ESME_RMSGQFUL,
                        capped.submit("447700900" + (100 + i), "c" + i).getCommandStatus());
                assertEquals(SMPPConstant.STAT_ESME_ROK, other.submit("447700901" + (100 + i), "o" + i).getCommandStatus());
            }
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + gateway.listeners().get("admin").getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("edge_tenant_submits_refused_total{reason=\"queue_quota\",tenant=\"capped\"} 10.0"),
                    metrics);
        }
    }

    @Test
    void aTenantBindsOnlyFromItsAllowedSources() throws Exception {
        try (Gateway gateway = GatewayFixture.start(storage, closedPort())) {
            SmppBindException refused = assertThrows(SmppBindException.class,
                    () -> new CloudhopperTenant(GatewayFixture.smppPort(gateway), "fenced", "fence-pw",
                            SmppBindType.TRANSCEIVER));
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, refused.getBindResponse().getCommandStatus());
            // the same credentials from a tenant without a fence bind fine from here
            new CloudhopperTenant(GatewayFixture.smppPort(gateway), "other", "other-pw", SmppBindType.TRANSCEIVER).close();
        }
    }
}
