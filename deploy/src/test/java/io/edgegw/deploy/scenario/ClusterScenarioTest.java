package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 15 end to end, smaller than {@code edge scenario cluster}'s defaults: Redis, HAProxy (both Debian's, installed
 * by deploy/ci/test-tools, running the shipped files), three gateway processes and two carriers delivering receipts on
 * random binds; one instance SIGKILLed and restarted, then Redis SIGKILLed and restarted, mid-load. Nothing
 * acknowledged may be lost, every receipt must reach its tenant, none the other tenant.
 */
class ClusterScenarioTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure's storage, Redis data and logs stay, for the diagnosis
    Path dir;

    @Test
    @Timeout(240)
    void killNineOfAnInstanceAndARedisRestartMidLoadLoseNothingAndMisrouteNoReceipt() throws Exception {
        assumeTrue(ShippedFiles.REDIS != null && ShippedFiles.HAPROXY != null,
                "redis-server or haproxy is not installed (deploy/ci/test-tools installs both)");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ClusterCommand cluster = new ClusterCommand(new PrintStream(output, true, StandardCharsets.UTF_8));
        new CommandLine(cluster).parseArgs("--messages", "4000", "--rate", "1000", "--fault", "both",
                "--dir", dir.resolve("run").toString());

        ClusterReport report = cluster.run();
        String text = output.toString(StandardCharsets.UTF_8) + report.toResult().verdict();
        System.out.println(text);

        assertEquals(GatewayProcess.KILLED_BY_SIGKILL, report.killExit(), text);
        assertTrue(report.acknowledgedAtKill() > 0 && report.acknowledgedAtRedis() > report.acknowledgedAtKill(), text);
        assertTrue(report.acknowledged() > report.acknowledgedAtRedis(), "work acknowledged after both faults: " + text);
        assertTrue(report.rebinds() > 0, "the killed instance's tenant binds bound again elsewhere: " + text);
        assertEquals(0, report.lost(), text);
        assertEquals(report.acknowledged(), report.receiptsMatched(), text);
        assertEquals(0, report.misrouted(), text);
        assertTrue(report.deadInstances().isEmpty(), text);
        assertTrue(report.passed(), text);
        assertTrue(report.toResult().verdict().startsWith("cluster: PASS acknowledged="), text);
    }

    @Test
    void theShippedHaproxyFileBalancesOverTheGivenInstancesWithItsOwnSettings() throws Exception {
        String config = HaproxyProcess.config(ShippedFiles.text("haproxy.cfg"), 7000, List.of(
                new HaproxyProcess.Instance("edge-0", 7001, 8001), new HaproxyProcess.Instance("edge-1", 7002, 8002)));
        assertTrue(config.contains("bind 127.0.0.1:7000"), config);
        assertTrue(config.contains("server edge-0 127.0.0.1:7001 check port 8001"), config);
        assertTrue(config.contains("server edge-1 127.0.0.1:7002 check port 8002"), config);
        assertTrue(config.contains("send-proxy-v2") && config.contains("option httpchk GET /health")
                && config.contains("balance leastconn"), "the shipped settings stay: " + config);
        assertFalse(config.contains("edge-0.edge") || config.contains("edge-2") || config.contains("smpp-tls"), config);
    }

    @Test
    void theShippedRedisFileKeepsWhatTheGuaranteeNeeds() throws Exception {
        String conf = ShippedFiles.text("redis.conf");
        assertTrue(conf.contains("\nappendonly yes") && conf.contains("\nappendfsync always")
                && conf.contains("\nmaxmemory-policy noeviction"), conf);
    }
}
