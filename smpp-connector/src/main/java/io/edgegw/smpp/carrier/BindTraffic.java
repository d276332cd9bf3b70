package io.edgegw.smpp.carrier;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.smpp.codec.OutboundBatch;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.edgegw.smpp.pdu.PduWriter;
import io.edgegw.smpp.window.SequenceNumbers;
import io.edgegw.smpp.window.Window;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The submits of one carrier bind: the connection they go out on, the {@link Window} of those awaiting their
 * submit_sm_resp and its timeouts. What happens to the connection (dialling, TLS, binding, reconnecting) is
 * {@link SmppCarrierBind}'s business; this class only knows whether there is one to write to.
 *
 * <p>Threading: {@link #offer} and {@link #flush} on the core's dispatcher thread, reading volatile fields and
 * claiming a window slot by CAS; everything else on the bind's event loop.
 */
final class BindTraffic {
    private final SmppCarrierBind bind;
    private final int windowSize;
    private final SequenceNumbers sequences;
    private final long timeoutNanos;
    private final long sweepPeriodMillis;
    /** The carrier's longest validity_period (ms), 0 for no bound. */
    private final long maxValidityMillis;
    /** The connection submits go out on, as the batch they are gathered in; null between connections. */
    private volatile OutboundBatch out;
    private volatile Window<OutboundSubmit> window;
    private ScheduledFuture<?> sweepTimer;
    /** The batch the dispatcher wrote to since its last flush (a reconnect may have replaced {@link #out}). */
    private OutboundBatch unflushed;

    BindTraffic(SmppCarrierBind bind, int windowSize, SequenceNumbers sequences, int responseTimeoutMillis,
                int maxValiditySeconds) {
        this.bind = bind;
        this.maxValidityMillis = maxValiditySeconds * 1000L;
        this.windowSize = Math.max(1, windowSize);
        this.sequences = sequences;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(responseTimeoutMillis);
        this.sweepPeriodMillis = Math.max(20, Math.min(1000, responseTimeoutMillis / 4));
        this.window = new Window<>(this.windowSize, sequences);
    }

    /** The connection submits go out on; null between connections. */
    Channel channel() {
        OutboundBatch o = out;
        return o == null ? null : o.channel();
    }

    int available() {
        Channel ch = channel();
        return ch != null && ch.isWritable() ? window.available() : 0;
    }

    /** Bytes queued toward the carrier and not yet taken by the socket; any thread. */
    long pendingOutboundBytes() {
        Channel ch = channel();
        return ch == null ? 0 : WritabilityGuard.pendingOutboundBytes(ch);
    }

    /** Dispatcher thread only; the bind has checked it is ready. */
    boolean offer(OutboundSubmit submit) {
        OutboundBatch o = out;
        Window<OutboundSubmit> w = window;
        if (o == null || !o.channel().isWritable()) {
            return false; // not reading what we already sent: nothing more until it does
        }
        int sequence = w.offer(submit, System.nanoTime() + timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        if (unflushed != o) {
            flush(); // gathered for a connection since replaced: hand it over (a closed one releases it)
            unflushed = o;
        }
        try {
            long validUntil = submit.validUntilMillis();
            PduWriter.submitSm(o.buffer(), sequence, submit.message(), validUntil, maxValidityMillis,
                    validUntil == 0 && maxValidityMillis == 0 ? 0 : System.currentTimeMillis());
        } catch (PDUStringException e) {
            // A field SMPP cannot carry: answer as the carrier would have, instead of re-offering it forever.
            if (w.complete(sequence) != null) {
                bind.listener().submitResponded(bind, submit, e.getErrorCode(), null);
            }
            return true;
        }
        o.written();
        return true;
    }

    /** Dispatcher thread only. */
    void flush() {
        if (unflushed != null) {
            unflushed.flush();
            unflushed = null;
        }
    }

    // ---- event loop from here on ----

    /** A fresh window for the next connection, so nothing of the last one's can be answered on it. */
    void reset() {
        window = new Window<>(windowSize, sequences);
    }

    /** {@code ch} is connected (and through TLS, if any): submits may go out on it once the bind is BOUND. */
    void opened(Channel ch) {
        out = new OutboundBatch(ch);
        Window<OutboundSubmit> w = window;
        sweepTimer = ch.eventLoop().scheduleAtFixedRate(() -> w.sweep(System.nanoTime(),
                e -> bind.listener().submitUnanswered(bind, e.request())), sweepPeriodMillis, sweepPeriodMillis,
                TimeUnit.MILLISECONDS);
    }

    void answered(int sequence, int status, String carrierMessageId) {
        Window.Entry<OutboundSubmit> entry = window.complete(sequence);
        if (entry != null) {
            bind.listener().submitResponded(bind, entry.request(), status,
                    status == SMPPConstant.STAT_ESME_ROK ? carrierMessageId : null);
        }
    }

    /** The connection is gone: every submit still in the window is reported unanswered, to be sent again. */
    void closed() {
        out = null;
        if (sweepTimer != null) {
            sweepTimer.cancel(false);
            sweepTimer = null;
        }
        reportUnanswered();
    }

    void reportUnanswered() {
        List<Window.Entry<OutboundSubmit>> left = window.drain();
        left.forEach(e -> bind.listener().submitUnanswered(bind, e.request()));
    }
}
