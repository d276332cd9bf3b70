package io.edgegw.smpp.tenant;

import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.spi.TenantDirectory;
import io.edgegw.smpp.codec.InvalidFrame;
import io.edgegw.smpp.codec.UndecodablePdu;
import io.edgegw.smpp.pdu.MessageContent;
import io.edgegw.smpp.pdu.Pdus;
import io.edgegw.smpp.window.SequenceNumbers;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Bind;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSmResp;
import org.jsmpp.bean.GenericNack;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.Unbind;
import org.jsmpp.bean.UnbindResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant's SMPP session, last in the pipeline: bind and authentication, submit_sm into the core, and (when
 * bound RX/TRX) the deliver_sm window through {@link TenantDeliveries}. Everything here runs on the channel's
 * event loop, except the acknowledgements ({@link SubmitAcks}) and deliveries, which only write to the channel.
 */
public final class TenantSession extends ChannelInboundHandlerAdapter {
    /** Where a session is in its life; only the event loop changes it. */
    public enum State { OPEN, BOUND_TX, BOUND_RX, BOUND_TRX, UNBINDING, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(TenantSession.class);
    private static final AtomicLong SESSION_NUMBERS = new AtomicLong();
    static final String SYSTEM_ID = "edge";
    private static final long UNBIND_GRACE_MILLIS = 1_000;

    private final GatewayContext context;
    private final TenantSessionSettings settings;
    private final SequenceNumbers sequences;
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final long number = SESSION_NUMBERS.incrementAndGet();

    private volatile State state = State.OPEN;
    private String tenantId;
    private String remote = "?";
    private SubmitAcks acks;
    private TenantDeliveries deliveries;
    private ScheduledFuture<?> bindTimer;
    private ScheduledFuture<?> sweepTimer;

    public TenantSession(GatewayContext context, TenantSessionSettings settings, SequenceNumbers sequences) {
        this.context = context;
        this.settings = settings;
        this.sequences = sequences;
    }

    public State state() {
        return state;
    }

    /** Tenant and bind when bound, the remote address before: what every log line names. */
    public String describe() {
        return tenantId == null ? "unbound session " + remote + "#" + number
                : "tenant " + tenantId + " bind " + state + " " + remote + "#" + number;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = String.valueOf(ctx.channel().remoteAddress());
        acks = new SubmitAcks(ctx.channel(), unacknowledged);
        bindTimer = ctx.executor().schedule(() -> {
            if (state == State.OPEN) {
                log.warn("{}: no bind within {} s, closing", describe(), settings.bindTimeoutSeconds());
                ctx.close();
            }
        }, settings.bindTimeoutSeconds(), TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            dispatch(ctx, msg);
        } catch (RuntimeException e) {
            // A bug of ours, not the peer's: the frame boundary is intact, so answer and keep the session.
            log.warn("{}: failed to handle {}: {}", describe(), msg.getClass().getSimpleName(), e.toString());
            if (msg instanceof Command c && isRequest(c.getCommandId())) {
                ctx.write(Pdus.genericNack(SMPPConstant.STAT_ESME_RSYSERR, c.getSequenceNumber()));
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // the answers written while reading this batch, in one syscall
        ctx.fireChannelReadComplete();
    }

    private void dispatch(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InvalidFrame frame) {
            log.warn("{}: command_length {} out of bounds, answering generic_nack and closing", describe(),
                    frame.commandLength());
            ctx.writeAndFlush(Pdus.genericNack(SMPPConstant.STAT_ESME_RINVCMDLEN, frame.sequenceNumber()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof UndecodablePdu bad) {
            log.warn("{}: undecodable PDU 0x{}: {}", describe(), Integer.toHexString(bad.commandId()), bad.reason());
            if (bad.isRequest()) {
                ctx.write(Pdus.genericNack(bad.commandStatus(), bad.sequenceNumber()));
            }
        } else if (msg instanceof Bind bind) {
            onBind(ctx, bind);
        } else if (msg instanceof SubmitSm submit) {
            onSubmit(ctx, submit);
        } else if (msg instanceof DeliverSmResp resp) {
            if (deliveries != null) {
                deliveries.responded(resp.getSequenceNumber(), resp.getCommandStatus());
            }
        } else if (msg instanceof GenericNack nack) {
            if (deliveries != null) {
                deliveries.responded(nack.getSequenceNumber(), nack.getCommandStatus());
            }
        } else if (msg instanceof Unbind unbind) {
            unbinding();
            ctx.writeAndFlush(Pdus.unbindResp(unbind.getSequenceNumber())).addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof UnbindResp) {
            ctx.close();
        } else if (msg instanceof Command other && isRequest(other.getCommandId())) {
            onUnsupported(ctx, other);
        }
        // Other responses (to requests we never sent) are ignored: answering a response would only loop.
    }

    private void onBind(ChannelHandlerContext ctx, Bind bind) {
        int sequence = bind.getSequenceNumber();
        if (state != State.OPEN) {
            log.warn("{}: second bind on the same session refused", describe());
            ctx.write(Pdus.errorResponse(bind.getCommandId(), SMPPConstant.STAT_ESME_RALYBND, sequence));
            return;
        }
        TenantDirectory.Auth auth = context.tenants().authenticate(bind.getSystemId(), bind.getPassword(),
                (InetSocketAddress) ctx.channel().remoteAddress());
        int refusal = switch (auth.outcome()) {
            case OK -> SMPPConstant.STAT_ESME_ROK;
            case UNKNOWN_SYSTEM_ID -> SMPPConstant.STAT_ESME_RINVSYSID;
            case BAD_PASSWORD -> SMPPConstant.STAT_ESME_RINVPASWD;
            case TOO_MANY_BINDS, FORBIDDEN_SOURCE -> SMPPConstant.STAT_ESME_RBINDFAIL;
        };
        if (refusal != SMPPConstant.STAT_ESME_ROK) {
            log.warn("{}: bind as system_id '{}' refused: {}", describe(), bind.getSystemId(), auth.outcome());
            ctx.write(Pdus.errorResponse(bind.getCommandId(), refusal, sequence));
            return;
        }
        try {
            ctx.write(Pdus.bindResp(bind.getCommandId(), sequence, SYSTEM_ID));
        } catch (PDUStringException e) {
            throw new IllegalStateException(e); // our own constant system_id; cannot happen
        }
        tenantId = auth.tenantId();
        state = switch (bind.getCommandId()) {
            case SMPPConstant.CID_BIND_RECEIVER -> State.BOUND_RX;
            case SMPPConstant.CID_BIND_TRANSCEIVER -> State.BOUND_TRX;
            default -> State.BOUND_TX;
        };
        bindTimer.cancel(false);
        log.info("{}: bound", describe());
        if (state != State.BOUND_TX) {
            ctx.flush(); // bind_resp must reach the tenant before the first deliver_sm
            startReceiving(ctx);
        }
    }

    private void startReceiving(ChannelHandlerContext ctx) {
        deliveries = new TenantDeliveries(tenantId, tenantId + "/" + remote + "#" + number, ctx.channel(), context,
                context.tenants().receiverWindow(tenantId), sequences, settings.deliveryTimeoutMillis());
        long period = Math.max(50, Math.min(1000, settings.deliveryTimeoutMillis() / 4));
        sweepTimer = ctx.executor().scheduleAtFixedRate(deliveries::sweep, period, period, TimeUnit.MILLISECONDS);
        context.registerReceiver(deliveries);
    }

    private void onSubmit(ChannelHandlerContext ctx, SubmitSm submit) {
        int sequence = submit.getSequenceNumber();
        if (state != State.BOUND_TX && state != State.BOUND_TRX) {
            log.warn("{}: submit_sm in state {} refused", describe(), state);
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RINVBNDSTS, sequence));
            return;
        }
        MessageContent.Result content = MessageContent.fromRequest(submit);
        if (!content.isOk()) {
            log.warn("{}: submit_sm refused, status 0x{}", describe(), Integer.toHexString(content.refusal()));
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, content.refusal(), sequence));
            return;
        }
        // Throttling is flow control, not bad input: answered, not logged.
        if (unacknowledged.get() >= settings.maxUnacknowledgedSubmits()) {
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RTHROTTLED, sequence));
            return;
        }
        unacknowledged.incrementAndGet();
        int refusal = SMPPConstant.STAT_ESME_RSYSERR;
        try {
            refusal = context.ingress().submit(tenantId, content.message(), acks, sequence);
        } finally {
            if (refusal != SubmitIngress.TAKEN) {
                unacknowledged.decrementAndGet(); // refused or thrown: nothing will acknowledge it
            }
        }
        if (refusal != SubmitIngress.TAKEN) {
            // ESME_RTHROTTLED (tenant rate) or ESME_RMSGQFUL (quota, disk, busy): flow control, counted not logged
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, refusal, sequence));
        }
    }

    /**
     * The gateway is closing: a bound tenant is told with unbind (and gets a moment to answer), an unbound
     * connection is just closed.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt != GatewayClosing.INSTANCE) {
            ctx.fireUserEventTriggered(evt);
        } else if (state == State.BOUND_TX || state == State.BOUND_RX || state == State.BOUND_TRX) {
            unbinding();
            ctx.writeAndFlush(Pdus.unbind(sequences.next()));
            ctx.executor().schedule(() -> ctx.close(), UNBIND_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ctx.close();
        }
    }

    /**
     * Requests we do not serve. Before bind the SMPP answer is "wrong bind state" in the request's own response;
     * once bound, data_sm, query_sm, submit_multi and the rest get generic_nack ESME_RINVCMDID.
     */
    private void onUnsupported(ChannelHandlerContext ctx, Command request) {
        int id = request.getCommandId();
        if (state == State.OPEN) {
            log.warn("{}: command 0x{} before bind refused", describe(), Integer.toHexString(id));
            ctx.write(Pdus.errorResponse(id, SMPPConstant.STAT_ESME_RINVBNDSTS, request.getSequenceNumber()));
        } else {
            log.warn("{}: unsupported command 0x{} answered generic_nack", describe(), Integer.toHexString(id));
            ctx.write(Pdus.genericNack(SMPPConstant.STAT_ESME_RINVCMDID, request.getSequenceNumber()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        State was = state;
        String who = describe();
        state = State.CLOSED;
        if (bindTimer != null) {
            bindTimer.cancel(false);
        }
        if (sweepTimer != null) {
            sweepTimer.cancel(false);
        }
        if (deliveries != null) {
            deliveries.close();
        }
        if (tenantId != null) {
            context.tenants().unbound(tenantId); // gives back the bind slot authenticate() took
        }
        if (was != State.OPEN) {
            log.info("{}: closed", who);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ClosedChannelException) {
            return; // a late write (an acknowledgement, a delivery) meeting a closed connection: already handled
        }
        if (cause instanceof IOException) {
            log.info("{}: connection lost: {}", describe(), cause.getMessage());
            ctx.close();
            return;
        }
        // Sequence unknown here; the frame decoder never throws, so the stream itself is still in step.
        log.warn("{}: unexpected error: {}", describe(), cause.toString());
        ctx.writeAndFlush(Pdus.genericNack(SMPPConstant.STAT_ESME_RSYSERR, 0));
    }

    private void unbinding() {
        state = State.UNBINDING;
        if (deliveries != null) {
            deliveries.stopOffers();
        }
    }

    private static boolean isRequest(int commandId) {
        return (commandId & SMPPConstant.CID_GENERIC_NACK) == 0;
    }
}
