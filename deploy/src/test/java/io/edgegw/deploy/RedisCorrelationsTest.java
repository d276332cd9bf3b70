package io.edgegw.deploy;

import com.cloudhopper.commons.util.windowing.WindowFuture;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 15, receipt correlations shared in Redis: two gateway instances with one Redis (a real redis-server of the
 * test's own) and one carrier (Cloudhopper's SMSC), each instance with one bind to it. A carrier may deliver a
 * receipt on any bind of its account, so the receipt of a message instance A sent arrives on instance B's bind; B
 * finds the tenant and the gateway id in Redis. A Redis crash loses no correlation Redis acknowledged, and while it
 * is down such a receipt is answered "try later", not dropped.
 */
class RedisCorrelationsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private RedisServer redis;
    private CloudhopperCarrier carrier;
    private Gateway a;
    private Gateway b;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(RedisServer.BINARY != null, "redis-server is not installed (deploy/ci/test-tools installs "
                + "Debian's redis-server): correlations shared through Redis are not tested here");
        redis = RedisServer.start(dir.resolve("redis"));
        carrier = new CloudhopperCarrier(freePort());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{a, b, carrier, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private int carrierPort;

    private int freePort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            carrierPort = reserve.getLocalPort();
        }
        return carrierPort;
    }

    /** One instance: its own storage, the shared Redis, one bind to the carrier. */
    private Gateway instance(String name) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                cluster:
                  redis: { uri: '%s', commandTimeoutMillis: 2000 }
                tenants:
                  - { id: acme, systemId: acme, password: secret }
                carriers:
                  - { id: telco, systemId: edge, password: edge, bindsPerEndpoint: 1, window: 50,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(dir.resolve(name).toAbsolutePath(), redis.uri(), carrierPort)));
    }

    /** A starts and binds, then B: the carrier's second session is B's. */
    private SmppServerSession startBoth() {
        a = instance("a");
        await().atMost(WAIT).until(() -> carrier.sessions.stream().filter(SmppServerSession::isBound).count() == 1);
        SmppServerSession bindOfA = carrier.sessions.get(0);
        b = instance("b");
        await().atMost(WAIT).until(() -> carrier.sessions.stream().filter(SmppServerSession::isBound).count() == 2);
        return carrier.sessions.stream().filter(s -> s != bindOfA).findFirst().orElseThrow();
    }

    private static CloudhopperTenant bind(Gateway g) throws Exception {
        return new CloudhopperTenant(g.listeners().get("smpp").getPort(), "acme", "secret", SmppBindType.TRANSCEIVER);
    }

    private static double count(Gateway g, String name, String... tags) {
        return g.meters().get(name).tags(tags).counter().count();
    }

    private static int answer(WindowFuture<Integer, PduRequest, PduResponse> f) throws InterruptedException {
        assertTrue(f.await(40_000) && f.isSuccess(), "the gateway answered the receipt");
        return f.getResponse().getCommandStatus();
    }

    @Test
    void aReceiptDeliveredOnAnotherInstancesBindReachesTheTenantWithItsGatewayId() throws Exception {
        SmppServerSession bindOfB = startBoth();
        try (CloudhopperTenant onA = bind(a); CloudhopperTenant onB = bind(b)) {
            SubmitSmResp sent = onA.submit("447930011", "sent through A");
            assertEquals(SmppConstants.STATUS_OK, sent.getCommandStatus());
            await().atMost(WAIT).until(() -> carrier.idOf("sent through A") != null);
            CloudhopperCarrier.Received submit = carrier.received.get(0);
            assertNotEquals(bindOfB, submit.session(), "the message went out on A's bind");

            // at once, on B's bind: A may not have shipped the correlation yet, so B asks Redis again until it has
            int status = answer(carrier.sendReceiptOn(bindOfB, carrier.idOf("sent through A"), 40_000));

            assertEquals(SmppConstants.STATUS_OK, status);
            await().atMost(WAIT).until(() -> !onB.receipts().isEmpty());
            List<CloudhopperTenant.Receipt> got = List.copyOf(onB.receipts());
            assertEquals(1, got.size());
            assertEquals(sent.getMessageId(), got.get(0).receiptedMessageId(), "the tenant's own id, as A gave it");
            assertTrue(got.get(0).text().contains("id:" + sent.getMessageId()), got.get(0).text());
            assertEquals(1.0, count(b, "edge_redis_lookups", "result", "found"));
            assertEquals(0.0, count(b, "edge_receipts_unmatched"), "nothing dropped as unknown");
            assertTrue(onA.receipts().isEmpty(), "B's receipt is not A's to deliver (the stream to A is a later slice)");
        }
    }

    @Test
    void aRedisCrashLosesNoAcknowledgedCorrelationAndMeanwhileReceiptsAreAnsweredTryLater() throws Exception {
        SmppServerSession bindOfB = startBoth();
        try (CloudhopperTenant onA = bind(a); CloudhopperTenant onB = bind(b)) {
            SubmitSmResp sent = onA.submit("447930012", "before the crash");
            assertEquals(SmppConstants.STATUS_OK, sent.getCommandStatus());
            await().atMost(WAIT).until(() -> carrier.idOf("before the crash") != null);
            String carrierId = carrier.idOf("before the crash");
            // Redis has it (SET answered, so on Redis's disk with appendfsync always)
            await().atMost(WAIT).until(() -> count(a, "edge_redis_correlations_shipped") >= 1);
            assertEquals(":1", redis.command("EXISTS edge:corr:telco|" + carrierId), "in Redis under the carrier-scoped key");

            redis.kill();
            assertEquals(SMPPConstant.STAT_ESME_RX_T_APPN,
                    answer(carrier.sendReceiptOn(bindOfB, carrierId, 40_000)),
                    "Redis down: the carrier is asked to send the receipt again later, it is not dropped");
            assertTrue(onB.receipts().isEmpty());

            redis.start();
            // the carrier tries again; B reconnects on its own and finds the correlation Redis read back from disk
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() ->
                    answer(carrier.sendReceiptOn(bindOfB, carrierId, 40_000)) == SmppConstants.STATUS_OK);
            await().atMost(WAIT).until(() -> !onB.receipts().isEmpty());
            assertEquals(sent.getMessageId(), onB.receipts().peek().receiptedMessageId());
            assertEquals(0.0, count(b, "edge_receipts_unmatched"));
            assertTrue(count(b, "edge_redis_lookups", "result", "unavailable") >= 1);
        }
    }

    @Test
    void correlationsJournaledWhileRedisIsDownWaitOnDiskAndAreSharedOnceItIsBack() throws Exception {
        SmppServerSession bindOfB = startBoth();
        try (CloudhopperTenant onA = bind(a); CloudhopperTenant onB = bind(b)) {
            redis.kill();
            SubmitSmResp sent = onA.submit("447930013", "while Redis is down");
            assertEquals(SmppConstants.STATUS_OK, sent.getCommandStatus(), "acknowledged without Redis");
            await().atMost(WAIT).until(() -> carrier.idOf("while Redis is down") != null);
            String carrierId = carrier.idOf("while Redis is down");
            await().atMost(WAIT).until(() -> a.meters().get("edge_redis_correlations_unshipped").gauge().value() >= 1);

            redis.start();
            await().atMost(WAIT).until(() -> ":1".equals(redis.command("EXISTS edge:corr:telco|" + carrierId)));
            assertEquals(SmppConstants.STATUS_OK, answer(carrier.sendReceiptOn(bindOfB, carrierId, 40_000)));
            await().atMost(WAIT).until(() -> !onB.receipts().isEmpty());
            assertEquals(sent.getMessageId(), onB.receipts().peek().receiptedMessageId());
            await().atMost(WAIT).until(() -> a.meters().get("edge_redis_correlations_unshipped").gauge().value() == 0);
        }
    }
}
