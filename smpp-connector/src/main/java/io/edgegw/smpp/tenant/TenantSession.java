package io.edgegw.smpp.tenant;

import io.edgegw.core.net.PeerSource;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.spi.TenantDirectory;
import io.edgegw.smpp.codec.InvalidFrame;
import io.edgegw.smpp.codec.UndecodablePdu;
import io.edgegw.smpp.guard.PeerLog;
import io.edgegw.smpp.pdu.Pdus;
import io.edgegw.smpp.window.SequenceNumbers;
import io.netty.channel.ChannelFuture;
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
    public enum State { OPEN, BINDING, BOUND_TX, BOUND_RX, BOUND_TRX, UNBINDING, CLOSED }

    private static final Logger log = LoggerFactory.getLogger(TenantSession.class);
    /** What a peer did wrong is logged once a minute per address (and system_id), whatever it keeps doing. */
    private static final PeerLog peerLog = new PeerLog(log);
    private static final AtomicLong SESSION_NUMBERS = new AtomicLong();
    static final String SYSTEM_ID = "edge";

    private final GatewayContext context;
    private final TenantSessionSettings settings;
    private final SequenceNumbers sequences;
    private final BindGuard bindGuard;
    private final BindChecker bindChecker;
    private final SubmitChecks submitChecks;
    /** Counts our own failures: a PDU handler that threw, an exception that reached the session. */
    private final Runnable bug;
    private int failedBinds;
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private final SubmitTimes times = new SubmitTimes();
    private final long number = SESSION_NUMBERS.incrementAndGet();

    private volatile State state = State.OPEN;
    private String tenantId;
    private String remote = "?";
    private SubmitAcks acks;
    private TenantDeliveries deliveries;
    private ScheduledFuture<?> bindTimer;
    private ScheduledFuture<?> sweepTimer;

    TenantSession(GatewayContext context, TenantSessionSettings settings, SequenceNumbers sequences,
                  BindGuard bindGuard, BindChecker bindChecker, SubmitChecks submitChecks, Runnable bug) {
        this.context = context;
        this.settings = settings;
        this.sequences = sequences;
        this.bindGuard = bindGuard;
        this.bindChecker = bindChecker;
        this.submitChecks = submitChecks;
        this.bug = bug;
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
        remote = String.valueOf(PeerSource.of(ctx.channel()));
        acks = new SubmitAcks(ctx.channel(), unacknowledged);
        bindTimer = ctx.executor().schedule(() -> {
            if (state == State.OPEN || state == State.BINDING) {
                peerLog.warn(PeerLog.key("bind-timeout", PeerSource.of(ctx.channel())),
                        "{}: no bind within {} s, closing", describe(), settings.bindTimeoutSeconds());
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
            bug.run();
            peerLog.warn(PeerLog.key("failed", PeerSource.of(ctx.channel())), "{}: failed to handle {}: {}",
                    describe(), msg.getClass().getSimpleName(), e.toString());
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
            peerLog.warn(PeerLog.key("frame", PeerSource.of(ctx.channel())),
                    "{}: command_length {} out of bounds, answering generic_nack and closing", describe(),
                    frame.commandLength());
            ctx.writeAndFlush(Pdus.genericNack(SMPPConstant.STAT_ESME_RINVCMDLEN, frame.sequenceNumber()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof UndecodablePdu bad) {
            peerLog.warn(PeerLog.key("undecodable", PeerSource.of(ctx.channel())), "{}: undecodable PDU 0x{}: {}",
                    describe(), Integer.toHexString(bad.commandId()), bad.reason());
            if (bad.isRequest()) {
                ctx.write(Pdus.genericNack(bad.commandStatus(), bad.sequenceNumber()));
            }
        } else if (msg instanceof Bind bind) {
            onBind(ctx, bind);
        } else if (msg instanceof SubmitSm submit) {
            onSubmit(ctx, submit);
        } else if (msg instanceof DeliverSmResp || msg instanceof GenericNack) {
            if (deliveries != null) { // answers to our deliver_sm
                Command answer = (Command) msg;
                deliveries.responded(answer.getSequenceNumber(), answer.getCommandStatus());
            }
        } else if (msg instanceof Unbind unbind) {
            unbinding();
            ctx.writeAndFlush(Pdus.unbindResp(unbind.getSequenceNumber())).addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof UnbindResp) {
            ctx.flush(); // answers written earlier in this read (a submit that crossed our unbind) go out first
            ctx.close();
        } else if (msg instanceof Command other && isRequest(other.getCommandId())) {
            onUnsupported(ctx, other);
        }
        // Other responses (to requests we never sent) are ignored: answering a response would only loop.
    }

    private void onBind(ChannelHandlerContext ctx, Bind bind) {
        int sequence = bind.getSequenceNumber();
        if (failedBinds >= settings.bindGuard().failuresPerSession()) {
            return; // closing after its last allowed failure: the rest of this read gets nothing
        }
        if (state == State.BINDING) {
            // SMPP allows one bind at a time; a peer pipelining binds is guessing, and gets no check for these
            bindFailed(ctx, bind, SMPPConstant.STAT_ESME_RBINDFAIL, "sent while another bind was being checked");
            return;
        }
        if (state != State.OPEN) {
            peerLog.warn(PeerLog.key("second-bind", PeerSource.of(ctx.channel())),
                    "{}: second bind on the same session refused", describe());
            ctx.write(Pdus.errorResponse(bind.getCommandId(), SMPPConstant.STAT_ESME_RALYBND, sequence));
            return;
        }
        if (bindChecker.stopping()) {
            refuseWhileStopping(ctx, bind);
            return;
        }
        InetSocketAddress address = PeerSource.inet(ctx.channel());
        if (bindGuard.lockedOut(address.getAddress(), bind.getSystemId(), System.nanoTime())) {
            bindFailed(ctx, bind, SMPPConstant.STAT_ESME_RBINDFAIL, "locked out after repeated failures");
            return;
        }
        state = State.BINDING;
        boolean queued = bindChecker.check(bind.getSystemId(), bind.getPassword(), address, ctx.executor(),
                auth -> bindChecked(ctx, bind, auth));
        if (!queued) {
            state = State.OPEN;
            bindFailed(ctx, bind, SMPPConstant.STAT_ESME_RBINDFAIL, "too many binds being checked at once");
        }
    }

    /** Event loop, once the checker has an answer; the session may have closed meanwhile. */
    private void bindChecked(ChannelHandlerContext ctx, Bind bind, TenantDirectory.Auth auth) {
        if (state != State.BINDING) {
            if (auth.outcome() == TenantDirectory.Outcome.OK) {
                context.tenants().unbound(auth.tenantId()); // closed while checking: give the slot back
            }
            return;
        }
        InetSocketAddress address = PeerSource.inet(ctx.channel());
        if (bindChecker.stopping()) { // the stop began while this bind was being checked
            if (auth.outcome() == TenantDirectory.Outcome.OK) {
                context.tenants().unbound(auth.tenantId());
            }
            refuseWhileStopping(ctx, bind);
            return;
        }
        if (auth.outcome() == TenantDirectory.Outcome.OK) {
            bindGuard.succeeded(address.getAddress(), bind.getSystemId());
            bound(ctx, bind, auth.tenantId());
            return;
        }
        // One answer for every refusal (unknown system_id, wrong password, wrong network, no free slot): telling them
        // apart would let anyone list the system_ids that exist. The log line says which it was, for the operator.
        int refusal = SMPPConstant.STAT_ESME_RBINDFAIL;
        if (auth.outcome() == TenantDirectory.Outcome.TOO_MANY_BINDS) {
            state = State.OPEN; // right credentials, no free slot: not a guess
            bindFailed(ctx, bind, refusal, auth.outcome().toString());
            return;
        }
        long delay = bindGuard.failed(address.getAddress(), bind.getSystemId(), System.nanoTime());
        if (delay == 0) {
            state = State.OPEN;
            bindFailed(ctx, bind, refusal, auth.outcome().toString());
        } else {
            // the answer waits on the loop's timer; meanwhile further binds on this session are refused unchecked
            ctx.executor().schedule(() -> {
                if (state == State.BINDING) {
                    state = State.OPEN;
                    bindFailed(ctx, bind, refusal, auth.outcome() + ", answered after " + delay + " ms");
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The gateway is stopping: the bind is answered ESME_RBINDFAIL and the connection closed, so the ESME binds again
     * later, here once the gateway is back or elsewhere behind the balancer. Not a failed guess: not counted.
     */
    private void refuseWhileStopping(ChannelHandlerContext ctx, Bind bind) {
        state = State.UNBINDING; // nothing more is read into this session
        peerLog.warn(PeerLog.key("bind-stopping", PeerSource.of(ctx.channel())),
                "{}: bind as system_id '{}' refused: the gateway is stopping", describe(), bind.getSystemId());
        ctx.writeAndFlush(Pdus.errorResponse(bind.getCommandId(), SMPPConstant.STAT_ESME_RBINDFAIL,
                bind.getSequenceNumber())).addListener(ChannelFutureListener.CLOSE);
    }

    /** Answers a refused bind; after {@code failuresPerSession} of them the connection is closed. */
    private void bindFailed(ChannelHandlerContext ctx, Bind bind, int status, String why) {
        failedBinds++;
        boolean last = failedBinds >= settings.bindGuard().failuresPerSession();
        peerLog.warn(PeerLog.key("bind-failed", PeerSource.of(ctx.channel())) + "|" + bind.getSystemId(),
                "{}: bind as system_id '{}' refused: {}{}", describe(), bind.getSystemId(), why,
                last ? "; closing after " + failedBinds + " failed binds" : "");
        ChannelFuture written = ctx.writeAndFlush(Pdus.errorResponse(bind.getCommandId(), status,
                bind.getSequenceNumber()));
        if (last) {
            state = State.UNBINDING; // nothing more is read into this session
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void bound(ChannelHandlerContext ctx, Bind bind, String tenant) {
        try {
            ctx.write(Pdus.bindResp(bind.getCommandId(), bind.getSequenceNumber(), SYSTEM_ID));
        } catch (PDUStringException e) {
            throw new IllegalStateException(e); // our own constant system_id; cannot happen
        }
        tenantId = tenant;
        state = switch (bind.getCommandId()) {
            case SMPPConstant.CID_BIND_RECEIVER -> State.BOUND_RX;
            case SMPPConstant.CID_BIND_TRANSCEIVER -> State.BOUND_TRX;
            default -> State.BOUND_TX;
        };
        bindTimer.cancel(false);
        if (ctx.pipeline().get(PreBindGate.NAME) != null) {
            ctx.pipeline().remove(PreBindGate.NAME);
        }
        log.info("{}: bound", describe());
        ctx.flush(); // answered from the checker's hand-off, outside any read batch
        if (state != State.BOUND_TX) {
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
        if (state == State.UNBINDING) {
            // sent before the peer read our unbind (the gateway is stopping): not its mistake, so "try again later",
            // which it will on its next bind, rather than a wrong-bind-state error it might take as final
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RTHROTTLED, sequence));
            return;
        }
        if (state != State.BOUND_TX && state != State.BOUND_TRX) {
            peerLog.warn(PeerLog.key("submit-state", PeerSource.of(ctx.channel())),
                    "{}: submit_sm in state {} refused", describe(), state);
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RINVBNDSTS, sequence));
            return;
        }
        int form = submitChecks.form(ctx, submit, tenantId, this); // UDH, SAR: its segments; then content, addresses
        ShortMessage message = form < 0 ? null : submitChecks.message(ctx, submit, tenantId, this);
        if (message == null) {
            return; // refused and answered
        }
        int badTime = times.read(submit, System.currentTimeMillis());
        if (badTime != SMPPConstant.STAT_ESME_ROK) {
            peerLog.warn(PeerLog.key("submit-time", PeerSource.of(ctx.channel())), "{}: submit_sm refused {} is "
                    + "not an SMPP 3.4 time", describe(), SubmitTimes.describe(submit, badTime));
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, badTime, sequence));
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
            refusal = context.ingress().submit(tenantId, message, times.validUntil, times.due, acks, sequence);
        } finally {
            if (refusal != SubmitIngress.TAKEN) {
                unacknowledged.decrementAndGet(); // refused or thrown: nothing will acknowledge it
            }
        }
        if (refusal == SubmitIngress.TAKEN) {
            submitChecks.taken(tenantId, form); // its segments count once the core holds it, never for a refusal
        } else { // ESME_RTHROTTLED, ESME_RMSGQFUL: flow control, counted not logged; ESME_RINVSCHED: logged by the core
            ctx.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, refusal, sequence));
        }
    }

    /**
     * The gateway is stopping: a bound tenant is unbound once the core answered its submits (see
     * {@link ClosingUnbind}); a connection not bound stays until the connector closes, so a bind on it gets its
     * answer (ESME_RBINDFAIL).
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof GatewayClosing closing)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        switch (closing) {
            case STOP_BEGUN -> {
                if (isBound()) {
                    // meanwhile the core answers new submits ESME_RTHROTTLED: the tenant sends them again later
                    ClosingUnbind.start(ctx, unacknowledged, new ClosingUnbind.Session(this::isBound, () -> {
                        unbinding();
                        return sequences.next();
                    }, this::describe));
                }
            }
            case CLOSING -> {
                if (state == State.OPEN || state == State.BINDING) {
                    ctx.close();
                }
            }
        }
    }

    private boolean isBound() {
        return state == State.BOUND_TX || state == State.BOUND_RX || state == State.BOUND_TRX;
    }

    /**
     * Requests we do not serve. Before bind the SMPP answer is "wrong bind state" in the request's own response;
     * once bound, data_sm, query_sm, submit_multi and the rest get generic_nack ESME_RINVCMDID.
     */
    private void onUnsupported(ChannelHandlerContext ctx, Command request) {
        int id = request.getCommandId();
        if (state == State.OPEN || state == State.BINDING) {
            peerLog.warn(PeerLog.key("before-bind", PeerSource.of(ctx.channel())),
                    "{}: command 0x{} before bind refused", describe(), Integer.toHexString(id));
            ctx.write(Pdus.errorResponse(id, SMPPConstant.STAT_ESME_RINVBNDSTS, request.getSequenceNumber()));
        } else {
            peerLog.warn(PeerLog.key("unsupported", PeerSource.of(ctx.channel())),
                    "{}: unsupported command 0x{} answered generic_nack", describe(), Integer.toHexString(id));
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
        if (was != State.OPEN && was != State.BINDING) {
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
            peerLog.info(PeerLog.key("lost", PeerSource.of(ctx.channel())), "{}: connection lost: {}", describe(),
                    cause.getMessage());
            ctx.close();
            return;
        }
        // Sequence unknown here; the frame decoder never throws, so the stream itself is still in step.
        bug.run();
        peerLog.warn(PeerLog.key("error", PeerSource.of(ctx.channel())), "{}: unexpected error: {}", describe(),
                cause.toString());
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
