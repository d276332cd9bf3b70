package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.Correlation;
import io.edgegw.core.receipt.Correlations;
import io.edgegw.core.receipt.OnDiskCorrelations;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Receipts that come late (issue 13): the correlation of a message is no longer in memory (evicted, or the gateway
 * restarted), yet the receipt reaches the tenant whose message it was, found through the on-disk index; a receipt
 * for an id nobody was given, or given longer ago than the retention, reaches nobody and costs a bounded lookup. Two tenants, each routed to its own carrier
 * (Cloudhopper's SMSC, which numbers its message ids c1, c2, ... so both carriers give the same ids).
 */
class LateReceiptsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path storage;
    private int portA;
    private int portB;
    private CloudhopperCarrier carrierA;
    private CloudhopperCarrier carrierB;

    @BeforeEach
    void carriers() throws Exception {
        portA = freePort();
        portB = freePort();
        carrierA = new CloudhopperCarrier(portA);
        carrierB = new CloudhopperCarrier(portB);
    }

    @AfterEach
    void stopCarriers() {
        carrierA.close();
        carrierB.close();
    }

    private static int freePort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            return reserve.getLocalPort();
        }
    }

    /** acme goes to telco-a only, globex to telco-b only; at most {@code inMemory} correlations in memory. */
    private GatewayConfig config(int inMemory) {
        return config(inMemory, "none");
    }

    /** @param sync {@code storage.sync} */
    private GatewayConfig config(int inMemory, String sync) {
        return ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s', correlationsInMemory: %d, sync: %s }
                tenants:
                  - { id: acme, systemId: acme, password: secret }
                  - { id: globex, systemId: globex, password: secret }
                carriers:
                  - { id: telco-a, systemId: edge, password: edge, bindsPerEndpoint: 1, window: 50,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                  - { id: telco-b, systemId: edge, password: edge, bindsPerEndpoint: 1, window: 50,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', tenants: [acme], carriers: [telco-a] }
                  - { prefix: '', tenants: [globex], carriers: [telco-b] }
                """.formatted(storage.toAbsolutePath(), inMemory, sync, portA, portB));
    }

    private static CloudhopperTenant bind(Gateway g, String tenant) throws Exception {
        return new CloudhopperTenant(g.listeners().get("smpp").getPort(), tenant, "secret",
                SmppBindType.TRANSCEIVER);
    }

    /** Submits texts {@code prefix}1..n asking for receipts; returns the gateway id of each text. */
    private static Map<String, String> submit(CloudhopperTenant tenant, String prefix, int n) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
            SubmitSmResp resp = tenant.submit("4479300" + i, prefix + i);
            assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
            ids.put(prefix + i, resp.getMessageId());
        }
        return ids;
    }

    /** Every message of the tenant is finished: its carrier message id is journaled. */
    private static void awaitFinished(Gateway g, String tenant) {
        await().atMost(WAIT).until(() -> gauge(g, "edge_tenant_inbound_depth", "tenant", tenant) == 0);
    }

    private static double gauge(Gateway g, String name, String... tags) {
        return g.meters().get(name).tags(tags).gauge().value();
    }

    private static double counter(Gateway g, String name, String... tags) {
        return g.meters().get(name).tags(tags).functionCounter().count();
    }

    private static List<String> receipted(CloudhopperTenant tenant) {
        return tenant.receipts().stream().map(CloudhopperTenant.Receipt::receiptedMessageId).toList();
    }

    @Test
    void aReceiptForACorrelationLongGoneFromMemoryIsMatchedOnDiskAndReachesItsTenant() throws Exception {
        try (Gateway g = Gateway.start(config(1)); CloudhopperTenant acme = bind(g, "acme")) {
            Map<String, String> sent = submit(acme, "a", 10);
            awaitFinished(g, "acme");
            assertTrue(gauge(g, "edge_correlations_in_memory") <= 1, "only the newest is held in memory");

            assertEquals(SmppConstants.STATUS_OK, carrierA.sendReceipt(carrierA.idOf("a1")));

            await().atMost(WAIT).until(() -> !acme.receipts().isEmpty());
            assertEquals(List.of(sent.get("a1")), receipted(acme));
            assertTrue(acme.receipts().peek().text().contains("stat:DELIVRD"), acme.receipts().peek().text());
            assertEquals(1.0, counter(g, "edge_receipt_lookups", "result", "found"));
        }
    }

    @Test
    void withEachBatchForcedAReceiptMatchedOnDiskIsStillAnsweredToTheCarrierAndReachesItsTenant() throws Exception {
        try (Gateway g = Gateway.start(config(1, "batch")); CloudhopperTenant acme = bind(g, "acme")) {
            Map<String, String> sent = submit(acme, "a", 5);
            awaitFinished(g, "acme");

            // the deliver_sm_resp goes out only once the batch that wrote the tenant's receipt is forced
            assertEquals(SmppConstants.STATUS_OK, carrierA.sendReceipt(carrierA.idOf("a2")));

            await().atMost(WAIT).until(() -> !acme.receipts().isEmpty());
            assertEquals(List.of(sent.get("a2")), receipted(acme));
            assertEquals(1.0, counter(g, "edge_receipt_lookups", "result", "found"));
        }
    }

    @Test
    void aReceiptWhoseIdMatchesNothingReachesNoTenantAndCostsABoundedLookup() throws Exception {
        int hostile = 100;
        try (Gateway g = Gateway.start(config(1)); CloudhopperTenant acme = bind(g, "acme");
             CloudhopperTenant globex = bind(g, "globex")) {
            submit(acme, "a", 20);
            submit(globex, "g", 20);
            awaitFinished(g, "acme");
            awaitFinished(g, "globex");

            Random random = new Random(13);
            for (int i = 0; i < hostile; i++) {
                carrierA.sendReceiptAsync(Long.toHexString(random.nextLong()), 60_000);
            }

            await().atMost(WAIT).until(() -> counter(g, "edge_receipt_lookups", "result", "absent") >= hostile);
            long indexFiles;
            try (Stream<Path> files = Files.list(storage.resolve("correlations-index"))) {
                indexFiles = files.filter(p -> p.toString().endsWith(".idx")).count();
            }
            assertTrue(indexFiles >= 1, "the correlations of the 40 messages are indexed");
            double slotsRead = counter(g, "edge_correlation_index_slots_read");
            // a miss reads at most a few dozen slots of each index file within the retention: no scan
            assertTrue(slotsRead <= hostile * indexFiles * 32, slotsRead + " index slots read for " + hostile
                    + " lookups in " + indexFiles + " index files");
            assertEquals(0.0, counter(g, "edge_receipt_lookups", "result", "found"));
            assertEquals(hostile, gauge(g, "edge_receipts_pending"), "parked for their submit_sm_resp, if it comes");
            assertEquals(List.of(), receipted(acme));
            assertEquals(List.of(), receipted(globex));
        }
    }

    @Test
    void afterARestartTheTenantSubmitsAtOnceAndAReceiptForAMessageSentBeforeIsMatched() throws Exception {
        int before = 300;
        Map<String, String> sent;
        try (Gateway g = Gateway.start(config(1_000_000)); CloudhopperTenant acme = bind(g, "acme")) {
            sent = submit(acme, "a", before);
            awaitFinished(g, "acme");
            assertEquals(before, gauge(g, "edge_correlations_in_memory"));
        }

        try (Gateway g = Gateway.start(config(1_000_000))) {
            // start-up read no correlation: nothing replayed into memory, nothing left to index
            assertEquals(0.0, gauge(g, "edge_correlations_in_memory"));
            assertEquals(0.0, counter(g, "edge_correlations_indexed"));
            try (CloudhopperTenant acme = bind(g, "acme")) {
                assertEquals(SmppConstants.STATUS_OK, acme.submit("447930099", "after").getCommandStatus());
                assertTrue(gauge(g, "edge_correlations_in_memory") <= 1, "at most the new message's correlation");

                for (String text : List.of("a1", "a150", "a300")) {
                    assertEquals(SmppConstants.STATUS_OK, carrierA.sendReceipt(carrierA.idOf(text)));
                }
                await().atMost(WAIT).until(() -> acme.receipts().size() == 3);
                assertEquals(List.of(sent.get("a1"), sent.get("a150"), sent.get("a300")), receipted(acme));
            }
        }
    }

    @Test
    void aCorrelationOlderThanTheRetentionIsNotMatchedAndItsIndexFileIsGone() throws Exception {
        // what a gateway left on this directory 80 hours ago (retention 72 h): one correlation, journaled and indexed
        SetTimeProvider then = new SetTimeProvider(System.currentTimeMillis() - TimeUnit.HOURS.toMillis(80));
        try (ChronicleQueue q = TenantQueues.open(storage.resolve("correlations"), RollCycles.FAST_HOURLY, then);
             Correlations journal = new Correlations(q, 10, TimeUnit.HOURS.toMillis(72));
             OnDiskCorrelations index = new OnDiskCorrelations(q, storage.resolve("correlations-index"),
                     TimeUnit.HOURS.toMillis(72))) {
            journal.open();
            journal.record("telco-a", "old1", new Correlation("acme", 1, (byte) 1));
            index.start((lookup, found, at) -> true);
            await().atMost(WAIT).until(() -> index.indexed() == 1);
        }
        List<Path> oldIndex = indexFiles();
        assertEquals(1, oldIndex.size());

        try (Gateway g = Gateway.start(config(1)); CloudhopperTenant acme = bind(g, "acme")) {
            assertTrue(indexFiles().stream().noneMatch(oldIndex::contains), "deleted with its cycle: " + indexFiles());
            carrierA.sendReceiptAsync("old1", 60_000);
            await().atMost(WAIT).until(() -> counter(g, "edge_receipt_lookups", "result", "absent") == 1);
            assertEquals(1.0, gauge(g, "edge_receipts_pending"), "parked: its correlation is past the retention");
            assertEquals(List.of(), receipted(acme));
        }
    }

    private List<Path> indexFiles() throws Exception {
        try (Stream<Path> files = Files.list(storage.resolve("correlations-index"))) {
            return files.filter(p -> p.toString().endsWith(".idx")).sorted().toList();
        }
    }

    @Test
    void twoCarriersGivingTheSameMessageIdEachReachOnlyTheirOwnTenant() throws Exception {
        try (Gateway g = Gateway.start(config(1)); CloudhopperTenant acme = bind(g, "acme");
             CloudhopperTenant globex = bind(g, "globex")) {
            Map<String, String> acmeSent = submit(acme, "a", 3);
            Map<String, String> globexSent = submit(globex, "g", 3);
            awaitFinished(g, "acme");
            awaitFinished(g, "globex");
            String id = carrierA.idOf("a1");
            assertNotNull(id);
            assertEquals(id, carrierB.idOf("g1"), "both carriers gave their first message the same id");

            assertEquals(SmppConstants.STATUS_OK, carrierB.sendReceipt(id));
            assertEquals(SmppConstants.STATUS_OK, carrierA.sendReceipt(id));

            await().atMost(WAIT).until(() -> acme.receipts().size() == 1 && globex.receipts().size() == 1);
            assertEquals(List.of(acmeSent.get("a1")), receipted(acme));
            assertEquals(List.of(globexSent.get("g1")), receipted(globex));
        }
    }
}
