package io.edgegw.core;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.spi.AckSink;
import io.edgegw.core.support.DirtyPages;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import io.edgegw.core.testing.GatewayConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code storage.sync: batch}: an answer goes out only once what it answers is on the device. Seen from the kernel's
 * side: when the journal hands an answer to the session, the queue's mapped pages are clean (written back), where
 * with {@code none} they are still dirty in the page cache.
 */
class StorageSyncTest {
    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Gateway start(StorageConfig.Sync sync) {
        assumeTrue(DirtyPages.forceCleans(dir), "needs /proc/self/smaps and a file system that writes back (not tmpfs)");
        GatewayConfig c = TestConfigs.oneTenantOneCarrier(dir);
        gateway = Gateway.start(GatewayConfigs.from(c).sync(sync).build(), List.of());
        return gateway;
    }

    /** A session that notes, at the moment each answer reaches it, what of the watched queues was still dirty. */
    private static final class WatchingAck implements AckSink {
        final List<Path> watched;
        final Map<Integer, DirtyPages.Under[]> seen = new ConcurrentHashMap<>();
        final Map<Integer, String> answers = new ConcurrentHashMap<>();

        WatchingAck(Path... watched) {
            this.watched = List.of(watched);
        }

        @Override
        public void accepted(int sequenceNumber, String messageId) {
            seen.put(sequenceNumber, watched.stream().map(DirtyPages::cycleFiles).toArray(DirtyPages.Under[]::new));
            answers.put(sequenceNumber, messageId == null ? "" : messageId);
        }

        @Override
        public void rejected(int sequenceNumber, int commandStatus) {
            answers.put(sequenceNumber, "!" + commandStatus);
        }

        @Override
        public void flush() {
        }
    }

    private Path inbound() {
        return dir.resolve("tenants/acme/inbound");
    }

    /** One at a time, so no other batch writes between an append and the answer that the watch reads. */
    private WatchingAck submitOneByOne(int n) {
        return submitOneByOne(n, false);
    }

    private WatchingAck submitOneByOne(int n, boolean receipts) {
        WatchingAck ack = new WatchingAck(inbound());
        for (int i = 1; i <= n; i++) {
            int seq = i;
            assertEquals(0, gateway.ingress().submit("acme", TestConfigs.sms("4477009000" + (10 + i), receipts), ack, seq));
            await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.containsKey(seq));
        }
        return ack;
    }

    @Test
    void withSyncBatchEverySubmitIsOnTheDeviceBeforeItsSubmitSmRespGoesOut() {
        start(StorageConfig.Sync.BATCH);
        WatchingAck ack = submitOneByOne(20);
        for (int i = 1; i <= 20; i++) {
            assertEquals(16, ack.answers.get(i).length(), "accepted: " + ack.answers.get(i));
            DirtyPages.Under in = ack.seen.get(i)[0];
            assertTrue(in.mapped(), "the inbound queue file is mapped by the journal");
            assertEquals(0, in.dirtyKb(), "submit " + i + ": inbound queue pages still dirty when it was answered");
        }
    }

    @Test
    void withSyncNoneAnswersGoOutWhileTheQueuePagesAreStillOnlyInThePageCache() {
        start(StorageConfig.Sync.NONE);
        WatchingAck ack = submitOneByOne(20);
        long answeredDirty = ack.seen.values().stream().filter(u -> u[0].dirtyKb() > 0).count();
        // the control for the test above: the same watch does see unforced pages (the kernel writes them back
        // on its own within about 30 s, so most if not all of them are still dirty)
        assertTrue(answeredDirty > 0, "no answer saw a dirty page: the watch cannot tell forced from unforced");
    }

    @Test
    void withSyncBatchACarrierReceiptIsAnsweredOnlyOnceItAndTheCorrelationAreOnTheDevice() {
        start(StorageConfig.Sync.BATCH);
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        gateway.registerCarrierBind(bind);
        WatchingAck tenant = submitOneByOne(1, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.offered.size() == 1);
        OutboundSubmit sent = bind.offered.get(0);
        bind.answered();
        gateway.carrierListener().submitResponded(bind, sent, SmppStatus.ESME_ROK, "7f3a");
        ShortMessage receipt = new ShortMessage((byte) 1, (byte) 1, "447700900011", (byte) 1, (byte) 1, "12345",
                (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                ("id:7f3a sub:001 dlvrd:001 submit date:2611230915 done date:2611230916 stat:DELIVRD err:000 text:hello")
                        .getBytes(StandardCharsets.ISO_8859_1));
        WatchingAck carrier = new WatchingAck(dir.resolve("tenants/acme/outbound"), dir.resolve("correlations"));
        // the receipt may overtake the correlation's journaling: it then waits (parked) and is answered on a tick
        assertTrue(gateway.carrierListener().deliverReceived(bind, new CarrierDelivery(receipt, null, -1, null),
                carrier, 7));
        await().atMost(Duration.ofSeconds(10)).until(() -> carrier.answers.containsKey(7));

        assertEquals("", carrier.answers.get(7), "deliver_sm answered ESME_ROK");
        DirtyPages.Under out = carrier.seen.get(7)[0];
        DirtyPages.Under correlations = carrier.seen.get(7)[1];
        assertTrue(out.mapped(), "the receipt was written to the tenant's outbound queue");
        assertTrue(correlations.mapped(), "the correlation was journaled");
        assertEquals(0, out.dirtyKb(), "the receipt toward the tenant was not on the device when the carrier was answered");
        assertEquals(0, correlations.dirtyKb(), "the correlation was not on the device");
        assertEquals(0, tenant.seen.get(1)[0].dirtyKb());
    }
}
