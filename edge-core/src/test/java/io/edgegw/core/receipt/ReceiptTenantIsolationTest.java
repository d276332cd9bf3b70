package io.edgegw.core.receipt;

import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.spi.AckSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A receipt is matched only the one way its carrier is configured for (issue 13): decimal 256 is hex 100, so trying
 * every base handed one tenant's receipt, handset number and text excerpt to another tenant's message.
 */
class ReceiptTenantIsolationTest {
    private static final long SECOND = 1000;
    private static final byte WANTS_RECEIPT = 1;

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> deliveredTo = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private record Answered(ReceiptLookup lookup, Correlation found, long journalIndex) {
    }

    private final BlockingQueue<Answered> answers = new LinkedBlockingQueue<>();
    private OnDiskCorrelations onDisk;

    private Correlations correlations(Map<String, ReceiptIds> ways) {
        return correlations(ways, 1000);
    }

    /** The journal and its on-disk index, whose answers wait in {@link #answers} for this thread (the ring's job). */
    private Correlations correlations(Map<String, ReceiptIds> ways, int inMemory) {
        ChronicleQueue q = TenantQueues.open(dir.resolve("correlations"), TestRollCycles.TEST_SECONDLY);
        open.add(q);
        Correlations c = new Correlations(q, inMemory, 3600 * SECOND, ways);
        open.add(c);
        c.open();
        onDisk = new OnDiskCorrelations(q, dir.resolve("correlations-index"), 3600 * SECOND);
        open.add(onDisk);
        onDisk.start((l, found, at) -> answers.add(new Answered(l, found, at)));
        return c;
    }

    /** Hands the index thread's next answer to the correlator, on this thread, as the journal thread would. */
    private void nextAnswer(ReceiptCorrelator r) throws InterruptedException {
        Answered a = answers.poll(10, TimeUnit.SECONDS);
        assertNotNull(a, "the index answers");
        r.onLookedUp(a.lookup(), a.found(), a.journalIndex(), 0);
    }

    private ReceiptCorrelator correlator(Correlations c) {
        return new ReceiptCorrelator(c, onDisk, new ReceiptCorrelator.Outbox() {
            @Override
            public void appendToTenant(String tenantId, String receiptedMessageId, int state, ShortMessage m) {
                deliveredTo.add(tenantId + ":" + receiptedMessageId);
            }

            @Override
            public void touched(AckSink ack) {
            }
        }, new SimpleMeterRegistry().counter("unmatched"));
    }

    private static CarrierDelivery receipt(String id) {
        byte[] text = ("id:" + id + " sub:001 dlvrd:001 submit date:2611230900 done date:2611230901 stat:DELIVRD "
                + "err:000 text:hello").getBytes(StandardCharsets.ISO_8859_1);
        return new CarrierDelivery(new ShortMessage((byte) 1, (byte) 1, "447700900010", (byte) 1, (byte) 1, "12345",
                (byte) 4, (byte) 0, (byte) 0, (byte) 0, (byte) 0, text), null, -1, null);
    }

    private static final AckSink ACK = new AckSink() {
        @Override
        public void accepted(int sequenceNumber, String messageId) {
        }

        @Override
        public void rejected(int sequenceNumber, int commandStatus) {
        }

        @Override
        public void flush() {
        }
    };

    @Test
    void anAsIsCarriersReceiptForDecimal256NeverReachesTheTenantWhoseMessageGotHex100() throws Exception {
        Correlations c = correlations(Map.of());
        c.record("telco", "100", new Correlation("acme", 1, WANTS_RECEIPT));
        ReceiptCorrelator r = correlator(c);

        r.onDelivery("telco", receipt("256"), ACK, 1, 0);
        nextAnswer(r); // not on disk either

        assertEquals(List.of(), deliveredTo, "decimal 256 is no id acme's message was given");
        assertEquals(1, r.parkedCount(), "parked until its own submit_sm_resp is recorded");
        c.record("telco", "256", new Correlation("globex", 2, WANTS_RECEIPT));
        r.onTick(1);
        assertEquals(List.of("globex:" + io.edgegw.core.pipeline.MessageIds.render(2)), deliveredTo);
        assertNotNull(c.find("telco", "100"), "acme's message still waits for its own receipt");
    }

    @Test
    void decimalToHexTriesTheConversionAndOnlyItSoTheReceiptReachesTheRightTenant() {
        Correlations c = correlations(Map.of("telco", ReceiptIds.DECIMAL_TO_HEX));
        c.record("telco", "100", new Correlation("acme", 1, WANTS_RECEIPT));
        c.record("telco", "256", new Correlation("globex", 2, WANTS_RECEIPT));
        ReceiptCorrelator r = correlator(c);

        r.onDelivery("telco", receipt("256"), ACK, 1, 0);

        assertEquals(List.of("acme:" + io.edgegw.core.pipeline.MessageIds.render(1)), deliveredTo,
                "this carrier writes receipts in decimal: 256 is hex 100, acme's; globex's hex 256 is not tried");
        assertNull(c.find("telco", "256"), "acme's final receipt went through");
        assertNotNull(c.find("telco", "598"), "decimal 598 is hex 256: globex's message is still there");
    }

    @Test
    void onDiskTooTheConversionIsTheOnlyWayTriedSoTheReceiptReachesTheRightTenant() throws Exception {
        Correlations c = correlations(Map.of("telco", ReceiptIds.DECIMAL_TO_HEX), 0); // nothing held in memory
        c.record("telco", "100", new Correlation("acme", 1, WANTS_RECEIPT));
        c.record("telco", "256", new Correlation("globex", 2, WANTS_RECEIPT));
        ReceiptCorrelator r = correlator(c);

        r.onDelivery("telco", receipt("256"), ACK, 1, 0);
        nextAnswer(r);
        r.onDelivery("telco", receipt("598"), ACK, 2, 0);
        nextAnswer(r);
        r.onDelivery("other", receipt("256"), ACK, 3, 0);
        nextAnswer(r);

        assertEquals(List.of("acme:" + io.edgegw.core.pipeline.MessageIds.render(1),
                "globex:" + io.edgegw.core.pipeline.MessageIds.render(2)), deliveredTo,
                "256 is hex 100 (acme's), 598 is hex 256 (globex's); another carrier's 256 is nobody's");
        assertEquals(2L, onDisk.found());
        assertEquals(1, r.parkedCount(), "the other carrier's receipt waits for a submit_sm_resp of its own");
    }

    @Test
    void hexToDecimalReadsTheReceiptIdAsHex() {
        Correlations c = correlations(Map.of("telco", ReceiptIds.HEX_TO_DECIMAL));
        c.record("telco", "256", new Correlation("acme", 1, WANTS_RECEIPT));
        assertEquals(1L, c.find("telco", "100").gatewayId());
        assertEquals(1L, c.find("telco", "0100").gatewayId());
        assertNull(c.find("telco", "256"), "the id as given is not tried: it is hex 598");
        assertNull(c.find("telco", "zz"));
    }

    @Test
    void aCarriersConversionNeverMatchesAnotherCarriersStoredId() {
        Correlations c = correlations(Map.of("decimal-receipts", ReceiptIds.DECIMAL_TO_HEX));
        c.record("other", "100", new Correlation("acme", 1, WANTS_RECEIPT));
        c.record("decimal-receipts", "ff", new Correlation("globex", 2, WANTS_RECEIPT));

        assertNull(c.find("decimal-receipts", "256"), "hex 100 is the other carrier's id");
        assertNull(c.find("other", "256"), "the other carrier is as-is: no conversion is tried for it");
        assertEquals(1L, c.find("other", "100").gatewayId());
        assertEquals(2L, c.find("decimal-receipts", "255").gatewayId());
    }

    @Test
    void aDecimalIdBeyond64BitsMatchesNothing() {
        Correlations c = correlations(Map.of("telco", ReceiptIds.DECIMAL_TO_HEX));
        c.record("telco", "ffffffffffffffff", new Correlation("acme", 1, WANTS_RECEIPT));
        assertEquals(1L, c.find("telco", "18446744073709551615").gatewayId());
        assertNull(c.find("telco", "18446744073709551616"));
    }
}
