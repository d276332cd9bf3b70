package io.edgegw.smpp.carrier;

import io.edgegw.core.config.LongMessages;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.AltCharset;
import io.edgegw.core.text.TextCodingException;
import io.edgegw.smpp.codec.OutboundBatch;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.edgegw.smpp.pdu.PduWriter;
import io.edgegw.smpp.window.SequenceNumbers;
import io.edgegw.smpp.window.Window;
import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
    private static final Logger LOG = LoggerFactory.getLogger(BindTraffic.class);
    /** A message refused for its length is logged once a minute per bind. */
    private static final OncePerMinute WARNINGS = new OncePerMinute();
    private final SmppCarrierBind bind;
    private final int windowSize;
    private final SequenceNumbers sequences;
    private final long timeoutNanos;
    private final long sweepPeriodMillis;
    /** The carrier's longest validity_period (ms), 0 for no bound. */
    private final long maxValidityMillis;
    /** How its carrier takes long messages; for udh and sar, with what data_coding 0 means to it. */
    private final LongMessages longMessages;
    private final Alphabet smscDefault;
    /** The reference of the next message sent split (8 bits of it for UDH); dispatcher thread only. */
    private int nextReference;
    /** Answers to the parts of messages sent split, reported for the whole message. */
    private final PartedSubmit.Report partsReport = new PartedSubmit.Report() {
        @Override
        public void allOk(OutboundSubmit whole, String[] carrierIds) {
            bind.listener().partsResponded(bind, whole, carrierIds);
        }

        @Override
        public void failed(OutboundSubmit whole, int status) {
            if (status < 0) {
                bind.listener().submitUnanswered(bind, whole);
            } else {
                bind.listener().submitResponded(bind, whole, status, null);
            }
        }
    };
    /** The connection submits go out on, as the batch they are gathered in; null between connections. */
    private volatile OutboundBatch out;
    private volatile Window<OutboundSubmit> window;
    private ScheduledFuture<?> sweepTimer;
    /** The batch the dispatcher wrote to since its last flush (a reconnect may have replaced {@link #out}). */
    private OutboundBatch unflushed;

    BindTraffic(SmppCarrierBind bind, int windowSize, SequenceNumbers sequences, int responseTimeoutMillis,
                int maxValiditySeconds, LongMessages longMessages, Alphabet smscDefault) {
        this.bind = bind;
        this.longMessages = longMessages;
        this.smscDefault = smscDefault;
        this.nextReference = ThreadLocalRandom.current().nextInt(); // a restarted bind does not reuse the last ones
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
        ShortMessage message = submit.message();
        if (AltCharset.needed(message.dataCoding(), submit.smscDefault(), smscDefault)) {
            try {
                message = message.withPayload(AltCharset.convert(message.payload(), message.esmClass(),
                        submit.smscDefault(), smscDefault));
            } catch (TextCodingException e) {
                refuseText(submit, e);
                return true;
            }
        }
        if (PartedSubmit.mayNeedParts(longMessages, message)) {
            PartedSubmit parted;
            try {
                parted = PartedSubmit.split(submit, message, longMessages, smscDefault, nextReference);
            } catch (IllegalArgumentException tooLong) {
                refuseTooLong(submit, tooLong.getMessage());
                return true;
            }
            if (parted != null) {
                nextReference++;
                return offerParts(o, w, parted);
            }
        }
        int sequence = w.offer(submit, System.nanoTime() + timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        handOver(o);
        try {
            long validUntil = submit.validUntilMillis();
            PduWriter.submitSm(o.buffer(), sequence, message, validUntil, maxValidityMillis,
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

    /** The batch this dispatcher round writes to: a batch of a connection since replaced is handed over first. */
    private void handOver(OutboundBatch o) {
        if (unflushed != o) {
            flush(); // gathered for a connection since replaced: hand it over (a closed one releases it)
            unflushed = o;
        }
    }

    /**
     * The parts of one message, all or none: a window slot each, taken together so they go out back to back, in
     * order, on this one connection. A message with more parts than the whole window could ever hold is refused.
     */
    private boolean offerParts(OutboundBatch o, Window<OutboundSubmit> w, PartedSubmit parted) {
        int n = parted.size();
        if (n > windowSize) {
            refuseTooLong(parted.whole, n + " parts, more than the bind's window of " + windowSize);
            return true;
        }
        if (w.available() < n) {
            return false; // the dispatcher thread alone takes slots: room seen here stays until it takes it
        }
        long deadline = System.nanoTime() + timeoutNanos;
        int[] sequences = new int[n];
        for (int i = 0; i < n; i++) {
            sequences[i] = w.offer(new PartedSubmit.Part(parted, i), deadline);
            if (sequences[i] < 0) { // closed meanwhile: give back what was taken, report nothing
                for (int j = 0; j < i; j++) {
                    w.complete(sequences[j]);
                }
                return false;
            }
        }
        handOver(o);
        long validUntil = parted.whole.validUntilMillis();
        long now = validUntil == 0 && maxValidityMillis == 0 ? 0 : System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            try {
                PduWriter.submitSm(o.buffer(), sequences[i], parted.parts[i], validUntil, maxValidityMillis, now);
                o.written();
            } catch (PDUStringException e) {
                // a field SMPP cannot carry (the parts share their addresses): the rest is not written either
                for (int j = i; j < n; j++) {
                    w.complete(sequences[j]);
                }
                parted.failed(e.getErrorCode(), partsReport);
                return true;
            }
        }
        return true;
    }

    /**
     * data_coding 0 text its tenant's alphabet and this carrier's disagree on, which cannot be converted (a character
     * the carrier's alphabet lacks, or a part that no longer fits): answered ESME_RINVDCS as a carrier would, so it
     * ends with a REJECTD receipt; never sent with a '?' in place of the character.
     */
    private void refuseText(OutboundSubmit submit, TextCodingException e) {
        if (WARNINGS.allow(bind.name() + "|text")) {
            LOG.warn("carrier bind {}: tenant {} message {} refused ESME_RINVDCS: its data_coding 0 text ({}) cannot "
                    + "go to this carrier ({}): {} (more not logged for a minute)", bind.name(), submit.tenantId(),
                    submit.gatewayMessageId(), submit.smscDefault().displayName(), smscDefault.displayName(),
                    e.getMessage());
        }
        bind.listener().submitResponded(bind, submit, SmppStatus.ESME_RINVDCS, null);
    }

    /** A message this carrier cannot take in parts: answered as a carrier would, so it ends with a failed receipt. */
    private void refuseTooLong(OutboundSubmit submit, String why) {
        if (WARNINGS.allow(bind.name())) {
            LOG.warn("carrier bind {}: tenant {} message {} refused ESME_RINVMSGLEN: {} (longMessages {}; more not "
                    + "logged for a minute)", bind.name(), submit.tenantId(), submit.gatewayMessageId(), why,
                    longMessages.yamlName());
        }
        bind.listener().submitResponded(bind, submit, SMPPConstant.STAT_ESME_RINVMSGLEN, null);
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
                e -> unanswered(e.request())), sweepPeriodMillis, sweepPeriodMillis, TimeUnit.MILLISECONDS);
    }

    void answered(int sequence, int status, String carrierMessageId) {
        Window.Entry<OutboundSubmit> entry = window.complete(sequence);
        if (entry == null) {
            return;
        }
        boolean ok = status == SMPPConstant.STAT_ESME_ROK;
        if (entry.request() instanceof PartedSubmit.Part part) {
            part.of().answered(part.index(), status, carrierMessageId, ok, partsReport);
        } else {
            bind.listener().submitResponded(bind, entry.request(), status, ok ? carrierMessageId : null);
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
        left.forEach(e -> unanswered(e.request()));
    }

    private void unanswered(OutboundSubmit submit) {
        if (submit instanceof PartedSubmit.Part part) {
            part.of().failed(-1, partsReport);
        } else {
            bind.listener().submitUnanswered(bind, submit);
        }
    }
}
