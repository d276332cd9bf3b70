package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.queue.QueueRecords;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import net.openhft.chronicle.bytes.Bytes;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.util.DefaultComposer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 15, receipts and MO reach the instance holding the tenant's receiver bind: two gateway instances (0 and 1 of
 * 2) sharing one Redis (a real redis-server of the test's own) and one carrier (Cloudhopper's SMSC). The tenant
 * submits on A and receives on B; each instance forwards what it makes toward the tenant to the tenant's Redis
 * stream and delivers what it reads from there.
 */
class StreamOutboundTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private RedisServer redis;
    private CloudhopperCarrier carrier;
    private int carrierPort;
    private Gateway a;
    private Gateway b;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(RedisServer.BINARY != null, "redis-server is not installed (deploy/ci/test-tools installs "
                + "Debian's redis-server): tenant streams through Redis are not tested here");
        redis = RedisServer.start(dir.resolve("redis"));
        try (ServerSocket reserve = new ServerSocket(0)) {
            carrierPort = reserve.getLocalPort();
        }
        carrier = new CloudhopperCarrier(carrierPort);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{a, b, carrier, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Instance {@code ordinal} of 2: its own storage, the shared Redis, its one of the carrier's two binds. */
    private Gateway instance(int ordinal) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                cluster:
                  instance: %d
                  instances: 2
                  redis: { uri: '%s', commandTimeoutMillis: 2000, claimIdleMillis: 1000 }
                tenants:
                  - { id: acme, systemId: acme, password: secret }
                carriers:
                  - { id: telco, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 50,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(dir.resolve("i" + ordinal).toAbsolutePath(), ordinal, redis.uri(), carrierPort)));
    }

    private void startBoth() {
        a = instance(0);
        b = instance(1);
        await().atMost(WAIT).until(() -> carrier.sessions.stream().filter(SmppServerSession::isBound).count() == 2);
    }

    private static CloudhopperTenant bind(Gateway g, SmppBindType type) throws Exception {
        return new CloudhopperTenant(g.listeners().get("smpp").getPort(), "acme", "secret", type);
    }

    private static double count(Gateway g, String name) {
        return g.meters().get(name).counter().count();
    }

    @Test
    void aReceiptTheCarrierDeliversOnTheSendingInstanceReachesTheTenantsReceiverOnTheOther() throws Exception {
        startBoth();
        try (CloudhopperTenant sender = bind(a, SmppBindType.TRANSMITTER);
             CloudhopperTenant receiver = bind(b, SmppBindType.RECEIVER)) {
            SubmitSmResp sent = sender.submit("447930021", "sent through A");
            assertEquals(SmppConstants.STATUS_OK, sent.getCommandStatus());
            await().atMost(WAIT).until(() -> carrier.idOf("sent through A") != null);
            SmppServerSession bindOfA = carrier.received.get(0).session();

            // the carrier answers on the bind the message went out on: A's. A correlates it; only B has a receiver
            var answered = carrier.sendReceiptOn(bindOfA, carrier.idOf("sent through A"), 40_000);
            assertTrue(answered.await(40_000) && answered.isSuccess());
            assertEquals(SmppConstants.STATUS_OK, answered.getResponse().getCommandStatus());

            await().atMost(WAIT).until(() -> !receiver.receipts().isEmpty());
            List<CloudhopperTenant.Receipt> got = List.copyOf(receiver.receipts());
            assertFalse(got.isEmpty(), "the receipt is not lost");
            for (CloudhopperTenant.Receipt r : got) { // at least once: a duplicate is allowed, another receipt is not
                assertEquals(sent.getMessageId(), r.receiptedMessageId(), "the tenant's own id, as A gave it");
            }
            assertEquals(1.0, count(a, "edge_redis_stream_forwarded"), "A forwarded the receipt it correlated");
            await().atMost(WAIT).until(() -> count(b, "edge_redis_stream_relayed") == 1.0);
            // acknowledged by B once queued there, and trimmed: nothing left to deliver twice
            await().atMost(WAIT).until(() -> pendingCount() == 0);
        }
    }

    @Test
    void receiptsMadeWhileRedisIsDownWaitOnDiskAndReachTheReceiverOnceItIsBack() throws Exception {
        startBoth();
        try (CloudhopperTenant sender = bind(a, SmppBindType.TRANSMITTER);
             CloudhopperTenant receiver = bind(b, SmppBindType.RECEIVER)) {
            SubmitSmResp sent = sender.submit("447930022", "sent while Redis is down");
            assertEquals(SmppConstants.STATUS_OK, sent.getCommandStatus());
            await().atMost(WAIT).until(() -> carrier.idOf("sent while Redis is down") != null);
            SmppServerSession bindOfA = carrier.received.get(0).session();
            redis.kill();

            var answered = carrier.sendReceiptOn(bindOfA, carrier.idOf("sent while Redis is down"), 40_000);
            assertTrue(answered.await(40_000) && answered.isSuccess());
            assertEquals(SmppConstants.STATUS_OK, answered.getResponse().getCommandStatus(),
                    "A correlates it from its own memory and keeps it on its disk");
            await().atMost(WAIT).until(() -> a.meters().get("edge_redis_stream_unforwarded").gauge().value() >= 1);
            assertTrue(receiver.receipts().isEmpty());

            redis.start();
            await().atMost(WAIT).until(() -> !receiver.receipts().isEmpty());
            assertEquals(sent.getMessageId(), receiver.receipts().peek().receiptedMessageId());
            await().atMost(WAIT).until(() -> a.meters().get("edge_redis_stream_unforwarded").gauge().value() == 0);
        }
    }

    @Test
    void whatWasRelayedToAnInstanceWhoseReceiverLeftGoesBackToTheStreamForTheInstanceTheTenantBoundTo()
            throws Exception {
        startBoth();
        SubmitSmResp sent;
        try (CloudhopperTenant sender = bind(a, SmppBindType.TRANSMITTER)) {
            sent = sender.submit("447930023", "relayed to B, its receiver gone");
            assertEquals(SmppConstants.STATUS_OK, sent.getCommandStatus());
        }
        await().atMost(WAIT).until(() -> carrier.idOf("relayed to B, its receiver gone") != null);
        // the tenant's only receiver is on B, and takes the receipt's deliver_sm without ever answering it
        try (RawSmppSocket raw = new RawSmppSocket(b.listeners().get("smpp").getPort())) {
            raw.send(new DefaultComposer().bind(SMPPConstant.CID_BIND_RECEIVER, 1, "acme", "secret", "",
                    InterfaceVersion.IF_34.value(), (byte) 0, (byte) 0, null));
            assertEquals(SMPPConstant.STAT_ESME_ROK, raw.read().status());
            var answered = carrier.sendReceiptOn(carrier.received.get(0).session(),
                    carrier.idOf("relayed to B, its receiver gone"), 40_000);
            assertTrue(answered.await(40_000) && answered.isSuccess());
            RawSmppSocket.Header deliver;
            do {
                deliver = raw.read();
            } while (deliver.commandId() != SMPPConstant.CID_DELIVER_SM); // enquire_link may come first
            await().atMost(WAIT).until(() -> count(b, "edge_redis_stream_relayed") == 1.0); // B took it
        } // the receiver leaves: the receipt waits in B's relayed queue, unanswered
        try (CloudhopperTenant receiver = bind(a, SmppBindType.RECEIVER)) {
            // the tenant binds again, through the balancer, on A: B hands the receipt back to the stream after 5 s
            await().atMost(WAIT).until(() -> !receiver.receipts().isEmpty());
            assertEquals(sent.getMessageId(), receiver.receipts().peek().receiptedMessageId());
            assertEquals(1.0, b.meters().get("edge_tenant_handed_back").tag("tenant", "acme").counter().count());
            await().atMost(WAIT).until(() -> count(a, "edge_redis_stream_relayed") == 1.0);
        }
    }

    @Test
    void anEntryADeadConsumerReadAndNeverAcknowledgedIsDeliveredByTheInstanceHoldingAReceiver() throws Exception {
        String key = "edge:tenant:acme:outbound";
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, byte[]> c = client.connect(RedisCodec.of(StringCodec.UTF8,
                ByteArrayCodec.INSTANCE))) {
            RedisCommands<String, byte[]> r = c.sync();
            r.xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), "edge", XGroupCreateArgs.Builder.mkstream());
            r.xadd(key, Map.of("r", moRecord("from a dead instance")));
            // consumer 7 (an instance that has since died) reads it and never acknowledges it
            List<StreamMessage<String, byte[]>> read = r.xreadgroup(Consumer.from("edge", "7"),
                    XReadArgs.StreamOffset.lastConsumed(key));
            assertEquals(1, read.size());
        } finally {
            client.shutdown();
        }

        startBoth();
        try (CloudhopperTenant receiver = bind(b, SmppBindType.RECEIVER)) {
            await().atMost(WAIT).until(() -> !receiver.receipts().isEmpty());
            assertEquals("from a dead instance", receiver.receipts().peek().text());
            assertEquals(1.0, count(b, "edge_redis_stream_claimed"));
            await().atMost(WAIT).until(() -> pendingCount() == 0);
        }
    }

    /** An MO toward the tenant, as the journal writes it into an outbound queue. */
    private static byte[] moRecord(String text) {
        Bytes<byte[]> b = Bytes.allocateElasticOnHeap(256);
        QueueRecords.writeDelivery(b, null, 0, new ShortMessage((byte) 1, (byte) 1, "447700900123", (byte) 0,
                (byte) 0, "12345", (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                text.getBytes(StandardCharsets.ISO_8859_1)));
        byte[] out = new byte[(int) b.readRemaining()];
        b.read(out);
        return out;
    }

    /** Entries of the tenant's stream read by some instance and not yet acknowledged. */
    private long pendingCount() throws Exception {
        String reply = redis.command("XLEN edge:tenant:acme:outbound"); // exists; the summary's count follows
        assertTrue(reply.startsWith(":"), reply);
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().xpending("edge:tenant:acme:outbound", "edge").getCount();
        } finally {
            client.shutdown();
        }
    }
}
