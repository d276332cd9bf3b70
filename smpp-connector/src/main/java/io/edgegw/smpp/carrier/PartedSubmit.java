package io.edgegw.smpp.carrier;

import io.edgegw.core.config.LongMessages;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.Concatenation;
import io.edgegw.core.text.DataCoding;
import io.edgegw.core.text.MessageForm;
import io.edgegw.core.text.Segments;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A message a bind sends as several submit_sm because its carrier takes long messages in parts
 * ({@code carriers[].longMessages: udh | sar}), and what the parts' answers add up to: the core hears once, OK when
 * every part was answered OK (with each part's carrier id), else the first part's error or silence, after which the
 * whole message is sent again (a duplicate toward the carrier is the one cost the gateway allows).
 *
 * <p>Made on the dispatcher thread; the answers arrive on the bind's event loop, except a part refused before it
 * was written (on the dispatcher thread), hence the atomics.
 */
final class PartedSubmit {
    /** One part's place in the bind's window. */
    record Part(PartedSubmit of, int index) implements OutboundSubmit {
        @Override
        public String tenantId() {
            return of.whole.tenantId();
        }

        @Override
        public String gatewayMessageId() {
            return of.whole.gatewayMessageId();
        }

        @Override
        public ShortMessage message() {
            return of.parts[index];
        }

        @Override
        public long validUntilMillis() {
            return of.whole.validUntilMillis();
        }
    }

    /** What {@link #answered} and {@link #failed} tell the bind to report. */
    interface Report {
        void allOk(OutboundSubmit whole, String[] carrierIds);

        /** {@code status} -1: unanswered. */
        void failed(OutboundSubmit whole, int status);
    }

    final OutboundSubmit whole;
    final ShortMessage[] parts;
    private final String[] carrierIds;
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicBoolean over = new AtomicBoolean();

    private PartedSubmit(OutboundSubmit whole, ShortMessage[] parts) {
        this.whole = whole;
        this.parts = parts;
        this.carrierIds = new String[parts.length];
    }

    /**
     * Whether {@code m} goes to a carrier taking long messages as {@code form} in parts: longer than any one segment
     * holds and not a part already (no user data header, no SAR values). Cheap; allocates nothing.
     */
    static boolean mayNeedParts(LongMessages form, ShortMessage m) {
        return form != LongMessages.PAYLOAD && m.payload().length > Segments.USER_DATA_OCTETS && !m.hasSar()
                && (m.esmClass() & MessageForm.ESM_CLASS_UDHI) == 0;
    }

    /**
     * {@code submit} cut into parts as {@code form} says (GSM 7-bit and IA5 153 septets a part, UCS-2 67 characters,
     * others 134 octets; an escape or surrogate pair never split), counted in {@code smscDefault} for data_coding 0;
     * null when it fits one segment after all.
     *
     * @throws IllegalArgumentException when it needs more than 255 parts
     */
    static PartedSubmit split(OutboundSubmit submit, LongMessages form, Alphabet smscDefault, int reference) {
        return split(submit, submit.message(), form, smscDefault, reference);
    }

    /** As above, for {@code m}: the submit's message as this carrier takes it (its text converted, say). */
    static PartedSubmit split(OutboundSubmit submit, ShortMessage m, LongMessages form, Alphabet smscDefault,
                              int reference) {
        Alphabet alphabet = DataCoding.forCounting(m.dataCoding() & 0xFF, smscDefault);
        boolean udh = form == LongMessages.UDH;
        Concatenation concatenation = udh ? new Concatenation.Udh8(reference & 0xFF)
                : new Concatenation.Sar(reference & 0xFFFF);
        List<Segments.Part> cut = Segments.split(m.payload(), alphabet, concatenation);
        if (cut.size() < 2) {
            return null;
        }
        ShortMessage[] parts = new ShortMessage[cut.size()];
        byte esmClass = udh ? (byte) (m.esmClass() | MessageForm.ESM_CLASS_UDHI) : m.esmClass();
        for (int i = 0; i < parts.length; i++) {
            Segments.Part p = cut.get(i);
            parts[i] = new ShortMessage(m.sourceTon(), m.sourceNpi(), m.sourceAddr(), m.destTon(), m.destNpi(),
                    m.destAddr(), esmClass, m.protocolId(), m.priorityFlag(), m.registeredDelivery(),
                    m.dataCoding(), p.payload(), udh ? 0 : ShortMessage.sar(p.reference(), p.total(), p.seq()));
        }
        return new PartedSubmit(submit, parts);
    }

    int size() {
        return parts.length;
    }

    /** Part {@code index} answered {@code status} (with {@code carrierId} when OK). */
    void answered(int index, int status, String carrierId, boolean ok, Report report) {
        if (!ok) {
            failed(status, report);
            return;
        }
        carrierIds[index] = carrierId;
        if (this.ok.incrementAndGet() == parts.length && over.compareAndSet(false, true)) {
            report.allOk(whole, carrierIds.clone());
        }
    }

    /** A part was refused or went unanswered ({@code status} -1): the core hears it once, for the whole message. */
    void failed(int status, Report report) {
        if (over.compareAndSet(false, true)) {
            report.failed(whole, status);
        }
    }
}
