package io.edgegw.smpp.tenant;

import io.edgegw.core.address.AddressGate;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.smpp.guard.PeerLog;
import io.edgegw.smpp.pdu.MessageContent;
import io.edgegw.smpp.pdu.Pdus;
import io.netty.channel.ChannelHandlerContext;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.SubmitSm;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * What a submit_sm must pass before it is offered to the core: its content (short_message or message_payload,
 * bounded) and its tenant's address rules (a sender it may use, a destination that is or becomes E.164). A refusal is
 * answered here with its SMPP status and logged at most once a minute per kind and address, naming tenant and bind.
 * One per listener, shared by its sessions; runs on their event loops.
 */
final class SubmitChecks {
    private static final PeerLog peerLog = new PeerLog(LoggerFactory.getLogger(TenantSession.class));

    private final Map<String, AddressGate> gates = new HashMap<>();

    SubmitChecks(GatewayContext context) {
        for (TenantConfig t : context.config().tenants()) {
            gates.put(t.id(), new AddressGate(t.id(), t.addresses(), context.meters()));
        }
    }

    /** The message to offer the core (its destination possibly rewritten to E.164), or null when it was refused. */
    ShortMessage message(ChannelHandlerContext ctx, SubmitSm submit, String tenantId, TenantSession session) {
        MessageContent.Result content = MessageContent.fromRequest(submit);
        if (!content.isOk()) {
            peerLog.warn(PeerLog.key("submit-content", ctx.channel().remoteAddress()),
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
            peerLog.warn(PeerLog.key("submit-source", ctx.channel().remoteAddress()),
                    "{}: submit_sm refused ESME_RINVSRCADR: source '{}' (TON {}) is not among the tenant's senders",
                    session.describe(), m.sourceAddr(), m.sourceTon());
            refuse(ctx, SMPPConstant.STAT_ESME_RINVSRCADR, submit);
            return null;
        }
        ShortMessage routable = gate.routable(m);
        if (routable == null) {
            peerLog.warn(PeerLog.key("submit-destination", ctx.channel().remoteAddress()),
                    "{}: submit_sm refused ESME_RINVDSTADR: destination '{}' (TON {}) is not a valid number",
                    session.describe(), m.destAddr(), m.destTon());
            refuse(ctx, SMPPConstant.STAT_ESME_RINVDSTADR, submit);
        }
        return routable;
    }

    private static void refuse(ChannelHandlerContext ctx, int status, SubmitSm submit) {
        ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, status, submit.getSequenceNumber()));
    }
}
