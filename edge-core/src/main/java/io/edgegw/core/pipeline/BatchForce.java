package io.edgegw.core.pipeline;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.queue.QueueForce;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * {@code storage.sync: batch}: the queues a journal batch wrote (tenants' inbound, scheduled, outbound and dead-letter
 * queues, the correlations journal), each forced to the device once at the batch's end,
 * on the journal thread, before the batch's answers are released. Under load a batch holds many messages, so the
 * cost of a force is shared by all of them.
 */
public final class BatchForce {
    private static final Logger LOG = LoggerFactory.getLogger(BatchForce.class);

    private final QueueForce[] inbound;
    private final QueueForce[] outbound;
    private final QueueForce[] scheduled;
    private final QueueForce[] deadLetters;
    private final QueueForce correlations = new QueueForce();
    private final boolean[] inboundWritten;
    private final boolean[] outboundWritten;
    private final boolean[] scheduledWritten;
    private final boolean[] deadLettersWritten;
    private boolean correlationsWritten;
    private boolean anyWritten;
    private final Timer timer;
    private final Counter failures;
    private final OncePerMinute warnings = new OncePerMinute();

    /**
     * @param timer    times each batch's forces (its count is the number of batches forced)
     * @param failures batches whose force failed (their answers were refusals)
     */
    public BatchForce(int tenants, Timer timer, Counter failures) {
        inbound = new QueueForce[tenants];
        outbound = new QueueForce[tenants];
        deadLetters = new QueueForce[tenants];
        scheduled = new QueueForce[tenants];
        for (int i = 0; i < tenants; i++) {
            inbound[i] = new QueueForce();
            scheduled[i] = new QueueForce();
            outbound[i] = new QueueForce();
            deadLetters[i] = new QueueForce();
        }
        inboundWritten = new boolean[tenants];
        outboundWritten = new boolean[tenants];
        deadLettersWritten = new boolean[tenants];
        scheduledWritten = new boolean[tenants];
        this.timer = timer;
        this.failures = failures;
    }

    void inboundWritten(int tenant) {
        inboundWritten[tenant] = true;
        anyWritten = true;
    }

    void outboundWritten(int tenant) {
        outboundWritten[tenant] = true;
        anyWritten = true;
    }

    void scheduledWritten(int tenant) {
        scheduledWritten[tenant] = true;
        anyWritten = true;
    }

    void deadLettersWritten(int tenant) {
        deadLettersWritten[tenant] = true;
        anyWritten = true;
    }

    void correlationsWritten() {
        correlationsWritten = true;
        anyWritten = true;
    }

    /**
     * Forces every queue written since the last call.
     *
     * @return false when a force failed: what the batch wrote may not be on the device
     */
    boolean forceWritten(ExcerptAppender[] inboundAppenders, ExcerptAppender[] outboundAppenders,
                         ExcerptAppender[] scheduledAppenders, IntFunction<File> deadLetterFiles,
                         Supplier<File> correlationsFile) {
        if (!anyWritten) {
            return true;
        }
        long start = System.nanoTime();
        boolean ok = true;
        for (int i = 0; i < inboundWritten.length; i++) {
            if (inboundWritten[i]) {
                inboundWritten[i] = false;
                ok &= force(inbound[i], inboundAppenders[i].currentFile());
            }
            if (outboundWritten[i]) {
                outboundWritten[i] = false;
                ok &= force(outbound[i], outboundAppenders[i].currentFile());
            }
            if (scheduledWritten[i]) {
                scheduledWritten[i] = false;
                ok &= force(scheduled[i], scheduledAppenders[i].currentFile());
            }
            if (deadLettersWritten[i]) {
                deadLettersWritten[i] = false;
                ok &= force(deadLetters[i], deadLetterFiles.apply(i));
            }
        }
        if (correlationsWritten) {
            correlationsWritten = false;
            ok &= force(correlations, correlationsFile.get());
        }
        anyWritten = false;
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (!ok) {
            failures.increment();
        }
        return ok;
    }

    private boolean force(QueueForce q, File file) {
        try {
            q.force(file);
            return true;
        } catch (IOException | RuntimeException e) {
            if (warnings.allow(file == null ? "?" : file.getParent())) {
                LOG.error("could not force {} to the device; this batch's submits are refused ESME_RSYSERR and its "
                        + "receipts ESME_RX_T_APPN (logged once a minute): {}", file, e.toString());
            }
            return false;
        }
    }

    void close() {
        for (int i = 0; i < inbound.length; i++) {
            inbound[i].close();
            outbound[i].close();
            scheduled[i].close();
            deadLetters[i].close();
        }
        correlations.close();
    }
}
