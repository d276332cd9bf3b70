package io.edgegw.bench;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.Correlation;
import io.edgegw.core.receipt.Correlations;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The three journal appends of one SMS with a receipt, each as the journal thread does it (io.edgegw.core.pipeline
 * .Journal): the tenant's submit into its inbound queue (a gateway id issued, the record written in a Chronicle
 * document, the id rendered for the submit_sm_resp), the carrier's message id against the gateway's
 * ({@link Correlations#record}: journal and memory), and the receipt into the tenant's outbound queue. Real queues in
 * a temporary directory, {@code FAST_HOURLY} as the gateway's default, no sync (storage.sync none); each iteration
 * starts on fresh queues, so disk use stays at one iteration's records.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalAppendBench {
    private static final byte[] TEXT = "load message 123456".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] RECEIPT_TEXT = ("id:0190a3f2c4d5e6f7 sub:001 dlvrd:001 submit date:2612070101 "
            + "done date:2612070101 stat:DELIVRD err:000 text:load message 1234").getBytes(StandardCharsets.ISO_8859_1);

    private Path dir;
    private TenantQueues queues;
    private ExcerptAppender inbound;
    private ExcerptAppender outbound;
    private ChronicleQueue correlationQueue;
    private Correlations correlations;
    private final MessageIds ids = new MessageIds();
    private final ShortMessage message = new ShortMessage((byte) 0, (byte) 0, "1000", (byte) 1, (byte) 1,
            "447000123456", (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0, TEXT);
    private final ShortMessage receipt = new ShortMessage((byte) 1, (byte) 1, "447000123456", (byte) 0, (byte) 0,
            "1000", (byte) 0x04, (byte) 0, (byte) 0, (byte) 0, (byte) 0, RECEIPT_TEXT);
    private long carrierIds;

    @Setup(Level.Iteration)
    public void open() throws IOException {
        dir = Files.createTempDirectory("edge-jmh-journal");
        queues = new TenantQueues(dir, "bench", 0, RollCycles.FAST_HOURLY);
        inbound = queues.inbound().createAppender();
        outbound = queues.outbound().createAppender();
        correlationQueue = TenantQueues.open(dir.resolve("correlations"), RollCycles.FAST_HOURLY);
        // the gateway's default storage.correlationsInMemory and a 72 h retention
        correlations = new Correlations(correlationQueue, 1_000_000, TimeUnit.HOURS.toMillis(72));
        correlations.open();
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        inbound.close();
        outbound.close();
        correlations.close();
        correlationQueue.close();
        queues.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A tenant's submit_sm into its inbound queue, with the gateway id it is acknowledged with. */
    @Benchmark
    public String inboundSubmit() {
        long now = System.currentTimeMillis();
        long id = ids.next(now);
        try (DocumentContext dc = inbound.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            QueueRecords.writeSubmit(b, id, now, 0, message);
        }
        return MessageIds.render(id);
    }

    /** The carrier's message id from its submit_sm_resp, journaled against the gateway's (a new id each time). */
    @Benchmark
    public Correlations correlation() {
        long n = ++carrierIds;
        correlations.record("smsc", Long.toHexString(n), new Correlation("bench", n, (byte) 1));
        return correlations;
    }

    /** A receipt into the tenant's outbound queue. */
    @Benchmark
    public ExcerptAppender outboundReceipt() {
        try (DocumentContext dc = outbound.writingDocument()) {
            QueueRecords.writeDelivery(dc.wire().bytes(), "0190a3f2c4d5e6f7", 2, receipt);
        }
        return outbound;
    }
}
