package io.edgegw.core.queue;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One tenant's queues on disk: {@code <dir>/tenants/<id>/inbound} (accepted submits, toward carriers),
 * {@code .../scheduled} (accepted submits not due yet, see dispatch.ScheduledLane),
 * {@code .../outbound} (receipts and MO, toward the tenant) and {@code .../deadletters} (deliveries the tenant refused
 * too often, see {@link DeadLetterQueue}), each with its committed-position file beside it, checked against the queue
 * as it opens ({@link ResumePoint}).
 * A queue directory keeps the roll cycle it was created with (Chronicle reads it from the directory's metadata and
 * ignores the one asked for), so a changed {@code storage.rollCycle} applies to queues created after the change.
 */
public final class TenantQueues implements AutoCloseable {
    private final String tenantId;
    private final int index;
    private final Path dir;
    private final ChronicleQueue inbound;
    private final ChronicleQueue outbound;
    private final ChronicleQueue scheduled;
    private final DeadLetterQueue deadLetters;
    private final QueueDepth inboundDepth = new QueueDepth();
    private final QueueDepth outboundDepth = new QueueDepth();
    private final QueueDepth scheduledDepth = new QueueDepth();
    /** With outbound streams: receipts and MO read from the tenant's Redis stream, delivered from here; else null. */
    private final ChronicleQueue relayed;
    /** With outbound streams the journal's appends to {@code outbound} are forwarded, not delivered: not counted. */
    private final QueueDepth forwardedDepth = new QueueDepth();

    public TenantQueues(Path storageDir, String tenantId, int index, RollCycle rollCycle) {
        this(storageDir, tenantId, index, rollCycle, SystemTimeProvider.INSTANCE);
    }

    /** @param time Chronicle's clock for the queues: which cycle a write goes to (tests set it) */
    public TenantQueues(Path storageDir, String tenantId, int index, RollCycle rollCycle, TimeProvider time) {
        this(storageDir, tenantId, index, rollCycle, time, false);
    }

    /**
     * @param relayed outbound streams on ({@code cluster.redis} with several instances): the tenant is delivered
     *                from {@code .../relayed} (what this instance read from the tenant's Redis stream), while
     *                {@code .../outbound} holds what this instance made and forwards to that stream
     */
    public TenantQueues(Path storageDir, String tenantId, int index, RollCycle rollCycle, TimeProvider time,
                        boolean relayed) {
        this.tenantId = tenantId;
        this.index = index;
        this.dir = storageDir.resolve("tenants").resolve(tenantId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        this.inbound = open(dir.resolve("inbound"), rollCycle, time);
        this.outbound = open(dir.resolve("outbound"), rollCycle, time);
        this.scheduled = open(dir.resolve("scheduled"), rollCycle, time);
        this.relayed = relayed ? open(dir.resolve("relayed"), rollCycle, time) : null;
        // before anything else reads the positions: housekeeping deletes by them, the dispatcher resumes after them
        ResumePoint.settle(inbound, inboundPositionFile(), "tenant " + tenantId + " inbound");
        ResumePoint.settle(outbound, outboundPositionFile(), "tenant " + tenantId + " outbound");
        ResumePoint.settle(scheduled, scheduledPositionFile(), "tenant " + tenantId + " scheduled");
        if (relayed) {
            ResumePoint.settle(this.relayed, relayedPositionFile(), "tenant " + tenantId + " relayed");
        }
        this.deadLetters = new DeadLetterQueue(dir.resolve("deadletters"), dir.resolve("deadletters.committed"),
                rollCycle, time);
    }

    public static ChronicleQueue open(Path path, RollCycle rollCycle) {
        return open(path, rollCycle, SystemTimeProvider.INSTANCE);
    }

    public static ChronicleQueue open(Path path, RollCycle rollCycle, TimeProvider time) {
        return ChronicleQueue.singleBuilder(path.toFile()).rollCycle(rollCycle).timeProvider(time).build();
    }

    public String tenantId() {
        return tenantId;
    }

    /** Dense position of the tenant in config order, for arrays indexed by tenant. */
    public int index() {
        return index;
    }

    public ChronicleQueue inbound() {
        return inbound;
    }

    /** What this instance made toward the tenant (receipts, MO): the journal appends here. */
    public ChronicleQueue outbound() {
        return outbound;
    }

    /** What this instance delivers to the tenant's receivers: {@code relayed} with outbound streams, else outbound. */
    public ChronicleQueue deliveries() {
        return relayed != null ? relayed : outbound;
    }

    public Path deliveriesPositionFile() {
        return relayed != null ? relayedPositionFile() : outboundPositionFile();
    }

    /** The relayed queue, or null without outbound streams. */
    public ChronicleQueue relayed() {
        return relayed;
    }

    public Path relayedPositionFile() {
        return dir.resolve("relayed.committed");
    }

    /** The depth the journal's outbound appends count in: the deliveries' depth unless they are forwarded. */
    public QueueDepth journaledDepth() {
        return relayed != null ? forwardedDepth : outboundDepth;
    }

    /** Accepted submits not due yet; the journal appends, the dispatcher's ScheduledLane moves them when due. */
    public ChronicleQueue scheduled() {
        return scheduled;
    }

    public DeadLetterQueue deadLetters() {
        return deadLetters;
    }

    public QueueDepth inboundDepth() {
        return inboundDepth;
    }

    /** Deliveries waiting for the tenant's receivers here (of {@link #deliveries()}). */
    public QueueDepth outboundDepth() {
        return outboundDepth;
    }

    /** Scheduled submits not yet moved to the inbound queue (they count toward the tenant's queue quota). */
    public QueueDepth scheduledDepth() {
        return scheduledDepth;
    }

    public Path scheduledPositionFile() {
        return dir.resolve("scheduled.committed");
    }

    /** Marks of scheduled submits moved past the committed position ({@link MovedMarks}). */
    public Path scheduledMovedFile() {
        return dir.resolve("scheduled.moved");
    }

    public Path inboundPositionFile() {
        return dir.resolve("inbound.committed");
    }

    public Path outboundPositionFile() {
        return dir.resolve("outbound.committed");
    }

    @Override
    public void close() {
        inbound.close();
        outbound.close();
        scheduled.close();
        if (relayed != null) {
            relayed.close();
        }
        deadLetters.close();
    }
}
