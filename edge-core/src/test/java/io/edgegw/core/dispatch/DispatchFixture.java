package io.edgegw.core.dispatch;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.ScheduledCopy;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher's real parts, wired as its loop wires them ({@link DispatchParts}), driven on the test's thread
 * with a {@link FakeClock}. The peers are in-memory: {@link TestBind} carrier binds, {@link WindowedReceiver}
 * tenant receivers and a {@link RecordingJournal}; the tenants' queues are real Chronicle queues on disk.
 */
final class DispatchFixture implements AutoCloseable {
    final FakeClock clock = new FakeClock();
    final RecordingJournal journal = new RecordingJournal();
    final Inbox inbox = new Inbox();
    final GatewayConfig config;
    final GatewayMetrics metrics;
    final DispatchParts parts;
    final DispatcherControl control;
    private final Map<String, TenantQueues> queues = new HashMap<>();
    private final Map<TestBind, Integer> answered = new HashMap<>();
    private long nextId = 1;

    /** @param sections YAML for the tenants, carriers and routes (and quality) the test is about */
    DispatchFixture(Path dir, String sections) {
        config = ConfigLoader.parse("storage: { dir: '%s', minFreeMegabytes: 0 }\n%s".formatted(dir, sections));
        List<TenantQueues> list = new ArrayList<>();
        for (int i = 0; i < config.tenants().size(); i++) {
            TenantQueues q = new TenantQueues(dir, config.tenants().get(i).id(), i,
                    RollCycleNames.forName(config.storage().rollCycle()));
            list.add(q);
            queues.put(q.tenantId(), q);
        }
        metrics = new GatewayMetrics(config);
        parts = DispatchParts.wire(config, list, inbox, journal, metrics, clock);
        control = new DispatcherControl(inbox, parts.carriers(), parts.lanes(), clock);
        for (TenantLane lane : parts.lanes()) {
            lane.open();
        }
    }

    /** {@code n} submits of {@code tenant} to {@code dest} accepted now (as the journal writes them). */
    void queue(String tenant, int n, String dest, boolean receipt) {
        for (int i = 0; i < n; i++) {
            append(queues.get(tenant), nextId++, clock.currentTimeMillis(), dest, receipt);
        }
    }

    /** One submit in {@code q}'s inbound queue, as the journal writes it (for tests running the dispatcher's loop). */
    static void append(TenantQueues q, long id, long acceptedMillis, String dest, boolean receipt) {
        try (ExcerptAppender appender = q.inbound().createAppender();
             DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            long start = b.writePosition();
            QueueRecords.writeSubmit(b, id, acceptedMillis, TestConfigs.sms(dest, receipt));
            q.inboundDepth().appended((int) (b.writePosition() - start));
        }
    }

    /** A receipt for {@code receiptedId} in {@code tenant}'s outbound queue, toward its receivers. */
    void queueReceipt(String tenant, String receiptedId) {
        appendReceipt(queues.get(tenant), receiptedId);
    }

    /** One receipt in {@code q}'s outbound queue, as the journal writes it. */
    static void appendReceipt(TenantQueues q, String receiptedId) {
        try (ExcerptAppender appender = q.outbound().createAppender();
             DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            long start = b.writePosition();
            QueueRecords.writeDelivery(b, receiptedId, SmppStatus.STATE_DELIVERED, TestConfigs.sms("12345", false));
            q.outboundDepth().appended((int) (b.writePosition() - start));
        }
    }

    TenantQueues queues(String tenant) {
        return queues.get(tenant);
    }

    long inboundDepth(String tenant) {
        return queues.get(tenant).inboundDepth().depth();
    }

    long outboundDepth(String tenant) {
        return queues.get(tenant).outboundDepth().depth();
    }

    CarrierPool pool(String carrierId) {
        return parts.carriers().pool(carrierId);
    }

    /** The fair scheduler's turn: what it sent (or ended). */
    int dispatch() {
        return parts.scheduler().dispatch(clock.nanoTime());
    }

    /** The delivery pump's turn: how many deliver_sm it offered. */
    int deliver() {
        return parts.deliveries().deliver(clock.nanoTime());
    }

    /** The inbox applied, as at the start of each round of the loop. */
    int applyReports() {
        return parts.reader().drain(clock.nanoTime());
    }

    /** A bound carrier bind registered, as the connector registers it. */
    TestBind bind(String carrierId, int window) {
        TestBind b = new TestBind(carrierId, carrierId + "/test#" + (answered.size() + 1), window);
        answered.put(b, 0);
        inbox.register(b);
        applyReports();
        return b;
    }

    WindowedReceiver receiver(String tenant, int window) {
        WindowedReceiver r = new WindowedReceiver(tenant, window);
        inbox.register(r);
        applyReports();
        return r;
    }

    /** The carrier answers everything {@code bind} was offered and not answered yet, all with {@code status}. */
    int answerAll(TestBind bind, int status) {
        int from = answered.get(bind);
        List<OutboundSubmit> offered = bind.offered;
        for (int i = from; i < offered.size(); i++) {
            answer(bind, offered.get(i), status);
        }
        answered.put(bind, offered.size());
        applyReports();
        return offered.size() - from;
    }

    /** The carrier answers the oldest {@code n} submits {@code bind} has outstanding with {@code status}. */
    void answerOldest(TestBind bind, int n, int status) {
        int from = answered.get(bind);
        for (int i = from; i < from + n; i++) {
            answer(bind, bind.offered.get(i), status);
        }
        answered.put(bind, from + n);
        applyReports();
    }

    private void answer(TestBind bind, OutboundSubmit s, int status) {
        bind.answered();
        inbox.submitAnswered(bind, s, status, status == SmppStatus.ESME_ROK ? "c-" + s.gatewayMessageId() : null);
    }

    /** The tenant answers {@code d} on {@code r} with {@code status} ({@link Inbox#UNANSWERED} for none). */
    void answerDelivery(WindowedReceiver r, TenantDelivery d, int status) {
        r.answered();
        if (status == Inbox.UNANSWERED) {
            inbox.deliveryUnanswered(r, d);
        } else {
            inbox.deliveryResponded(r, d, status);
        }
        applyReports();
    }

    /** The journal writes what it was handed and reports it, as its thread does: on disk ({@code onDisk}) or not. */
    void journalAll(boolean onDisk) {
        for (Object e : journal.unwritten) {
            if (e instanceof RecordingJournal.DeadLetter d) {
                inbox.deadLettered(d.delivery(), onDisk);
            } else if (e instanceof RecordingJournal.Correlation c) {
                inbox.journaled(c.submit());
            } else if (e instanceof RecordingJournal.FailedReceipt f) {
                inbox.journaled(f.submit());
            } else if (e instanceof ScheduledCopy c) {
                inbox.copied(c, onDisk);
            }
        }
        journal.unwritten.clear();
        applyReports();
    }

    void journalAll() {
        journalAll(true);
    }

    @Override
    public void close() {
        for (TenantLane lane : parts.lanes()) {
            lane.close();
        }
        queues.values().forEach(TenantQueues::close);
    }
}
