package io.edgegw.smpp.tenant;

import io.edgegw.core.net.PeerSource;
import io.edgegw.core.address.AddressGate;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.text.Alphabet;
import io.edgegw.core.text.DataCoding;
import io.edgegw.core.text.MessageForm;
import io.edgegw.core.usage.SegmentCounters;
import io.edgegw.smpp.guard.PeerLog;
import io.edgegw.smpp.pdu.MessageContent;
import io.edgegw.smpp.pdu.Pdus;
import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandlerContext;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameter.Tag;
import org.jsmpp.bean.SubmitSm;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a submit_sm must pass before it is offered to the core: its form (esm_class and user data header, SAR TLVs,
 * short_message or message_payload: {@link MessageForm}), its content (bounded) and its tenant's address rules (a
 * sender it may use, a destination that is or becomes E.164). A refusal is answered here with its SMPP status and
 * logged at most once a minute per kind and address, naming tenant and bind. The form's segments are counted in
 * {@code edge_tenant_segments_total} once the core has taken the submit ({@link #taken}). One per listener, shared by
 * its sessions; runs on their event loops.
 */
final class SubmitChecks {
    private static final PeerLog peerLog = new PeerLog(LoggerFactory.getLogger(TenantSession.class));
    /**
     * The alphabet each data_coding octet is counted in, one table per SMSC default (indexed by its ordinal; only
     * GSM 7-bit, IA5 and Latin-1 can be one): what 0 means is the tenant's {@code defaultAlphabet}.
     */
    private static final Alphabet[][] COUNTED_IN = {countedIn(Alphabet.GSM7), countedIn(Alphabet.IA5),
            countedIn(Alphabet.LATIN1)};
    /** A form's tally ({@link #form}) holds the alphabet's ordinal in its low bits, the segments above them. */
    private static final int ALPHABET_BITS = 3;
    private static final int ALPHABET_MASK = (1 << ALPHABET_BITS) - 1;
    private static final Alphabet[] ALPHABETS = Alphabet.values(); // values() copies its array on every call

    private final Map<String, AddressGate> gates = new HashMap<>();
    private final Map<String, Counter> formRefused = new HashMap<>();
    /** Per tenant: its table of {@link #COUNTED_IN}, picked once here. */
    private final Map<String, Alphabet[]> countedIn = new HashMap<>();
    private final SegmentCounters segments;

    SubmitChecks(GatewayContext context) {
        List<String> tenants = new ArrayList<>();
        for (TenantConfig t : context.config().tenants()) {
            gates.put(t.id(), new AddressGate(t.id(), t.addresses(), context.meters()));
            formRefused.put(t.id(), Counter.builder("edge_tenant_submits_refused").tag("tenant", t.id())
                    .tag("reason", "message_form")
                    .description("submit_sm answered with a refusal before reaching the queue")
                    .register(context.meters()));
            countedIn.put(t.id(), COUNTED_IN[t.defaultAlphabet().ordinal()]);
            tenants.add(t.id());
        }
        segments = new SegmentCounters(context.meters(), tenants);
    }

    /**
     * The submit's form read without allocating: a tally of its segments and alphabet to hand to {@link #taken} once
     * the core took it, or -1 when the form is malformed (refused and answered here, never queued).
     */
    int form(ChannelHandlerContext ctx, SubmitSm submit, String tenantId, TenantSession session) {
        Alphabet[] table = countedIn.getOrDefault(tenantId, COUNTED_IN[0]);
        Alphabet alphabet = table[submit.getDataCoding() & 0xFF];
        byte[] payload = submit.getOptionalParameter(Tag.MESSAGE_PAYLOAD) instanceof OptionalParameter.OctetString s
                ? s.getValue() : null;
        int sarRef = submit.getOptionalParameter(Tag.SAR_MSG_REF_NUM) instanceof OptionalParameter.Short v
                ? v.getValue() & 0xFFFF : MessageForm.NONE;
        int sarTotal = octet(submit, Tag.SAR_TOTAL_SEGMENTS);
        int sarSeq = octet(submit, Tag.SAR_SEGMENT_SEQNUM);
        int esmClass = submit.getEsmClass() & 0xFF;
        int counted = MessageForm.segments(esmClass, alphabet, submit.getShortMessage(), payload, sarRef, sarTotal,
                sarSeq);
        if (counted > 0) {
            return counted << ALPHABET_BITS | alphabet.ordinal();
        }
        int status = switch (counted) {
            case MessageForm.MALFORMED_UDH -> SMPPConstant.STAT_ESME_RINVESMCLASS;
            case MessageForm.MALFORMED_SAR -> SMPPConstant.STAT_ESME_RINVTLVVAL; // SMPP 3.4: ESME_RINVOPTPARAMVAL
            case MessageForm.SAR_INCOMPLETE -> SMPPConstant.STAT_ESME_RMISSINGTLV; // SMPP 3.4: ESME_RMISSINGOPTPARAM
            default -> SMPPConstant.STAT_ESME_RINVMSGLEN;
        };
        Counter refused = formRefused.get(tenantId);
        if (refused != null) {
            refused.increment();
        }
        // the refusal path only: the words for the log line, which the count above does not build
        String problem = MessageForm.recognise(esmClass, alphabet, submit.getShortMessage(), payload, sarRef,
                sarTotal, sarSeq).problem();
        peerLog.warn(PeerLog.key("submit-form", PeerSource.of(ctx.channel())), "{}: submit_sm refused {} (0x{}): {}",
                session.describe(), statusName(status), Integer.toHexString(status), problem);
        refuse(ctx, status, submit);
        return -1;
    }

    /** Counts a submit the core has taken, with the tally {@link #form} gave it. */
    void taken(String tenantId, int tally) {
        segments.add(tenantId, ALPHABETS[tally & ALPHABET_MASK], tally >>> ALPHABET_BITS);
    }

    /** The message to offer the core (its destination possibly rewritten to E.164), or null when it was refused. */
    ShortMessage message(ChannelHandlerContext ctx, SubmitSm submit, String tenantId, TenantSession session) {
        MessageContent.Result content = MessageContent.fromRequest(submit);
        if (!content.isOk()) {
            peerLog.warn(PeerLog.key("submit-content", PeerSource.of(ctx.channel())),
                    "{}: submit_sm refused, status 0x{}", session.describe(), Integer.toHexString(content.refusal()));
            refuse(ctx, content.refusal(), submit);
            return null;
        }
        ShortMessage m = content.message();
        AddressGate gate = gates.get(tenantId);
        if (gate == null) {
            return m; // a tenant the configuration no longer has: the core refuses it
        }
        if (gate.checkSource(m) != null) {
            peerLog.warn(PeerLog.key("submit-source", PeerSource.of(ctx.channel())),
                    "{}: submit_sm refused ESME_RINVSRCADR: source '{}' (TON {}) is not among the tenant's senders",
                    session.describe(), m.sourceAddr(), m.sourceTon());
            refuse(ctx, SMPPConstant.STAT_ESME_RINVSRCADR, submit);
            return null;
        }
        ShortMessage routable = gate.routable(m);
        if (routable == null) {
            peerLog.warn(PeerLog.key("submit-destination", PeerSource.of(ctx.channel())),
                    "{}: submit_sm refused ESME_RINVDSTADR: destination '{}' (TON {}) is not a valid number",
                    session.describe(), m.destAddr(), m.destTon());
            refuse(ctx, SMPPConstant.STAT_ESME_RINVDSTADR, submit);
        }
        return routable;
    }

    private static int octet(SubmitSm submit, Tag tag) {
        return submit.getOptionalParameter(tag) instanceof OptionalParameter.Byte b ? b.getValue() & 0xFF
                : MessageForm.NONE;
    }

    private static String statusName(int status) {
        return switch (status) {
            case SMPPConstant.STAT_ESME_RINVESMCLASS -> "ESME_RINVESMCLASS";
            case SMPPConstant.STAT_ESME_RINVTLVVAL -> "ESME_RINVOPTPARAMVAL";
            case SMPPConstant.STAT_ESME_RMISSINGTLV -> "ESME_RMISSINGOPTPARAM";
            default -> "ESME_RINVMSGLEN";
        };
    }

    private static Alphabet[] countedIn(Alphabet smscDefault) {
        Alphabet[] table = new Alphabet[256];
        for (int dataCoding = 0; dataCoding < table.length; dataCoding++) {
            table[dataCoding] = DataCoding.forCounting(dataCoding, smscDefault);
        }
        return table;
    }

    private static void refuse(ChannelHandlerContext ctx, int status, SubmitSm submit) {
        ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, status, submit.getSequenceNumber()));
    }
}
