package io.edgegw.simulator.smsc;

import io.edgegw.smpp.window.SequenceNumbers;
import io.edgegw.smpp.codec.InvalidFrame;
import io.edgegw.smpp.codec.UndecodablePdu;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Bind;
import org.jsmpp.bean.DeliverSmResp;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.Unbind;
import org.jsmpp.util.DefaultComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ESME connection to the simulated SMSC: bind, submit_sm answered after the configured latency, receipts
 * written as deliver_sm and tracked until their deliver_sm_resp. Everything but {@link #offer} and
 * {@link #drainHeld} runs on this channel's event loop; those two hop onto it.
 */
final class SmscSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmscSession.class);
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    /** Unanswered deliver_sm per session; beyond it receipts wait in the router's hold. */
    static final int RECEIPT_WINDOW = 1_000;

    private record Outstanding(DeliveryReceipt receipt, long sentNanos) {
    }

    private final SimulatedSmsc smsc;
    private final SmscConfig config;
    private final SmscCounters counters;
    private final ReceiptRouter router;
    private final Map<Integer, Outstanding> outstanding = new LinkedHashMap<>();
    private final AtomicInteger receiptSlots = new AtomicInteger();
    private volatile SmscSessionState state = SmscSessionState.OPEN;
    private volatile String systemId = "";
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> resendSweep;
    private final SequenceNumbers sequences = new SequenceNumbers();

    SmscSession(SimulatedSmsc smsc, ReceiptRouter router) {
        this.smsc = smsc;
        this.config = smsc.config();
        this.counters = smsc.counters();
        this.router = router;
    }

    String systemId() {
        return systemId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Faults faults = smsc.faults().current();
        if (msg instanceof DeliverSmResp resp) {
            onDeliverSmResp(resp); // bookkeeping only, also while silent: it writes nothing then
        } else if (faults.silent()) {
            counters.pdusIgnored.increment(); // a hung SMSC: the PDU is read and never answered
        } else if (msg instanceof SubmitSm submit) {
            onSubmit(ctx, submit, faults);
        } else if (msg instanceof EnquireLink link) {
            ctx.write(COMPOSER.enquireLinkResp(link.getSequenceNumber()));
        } else if (msg instanceof Bind bind) {
            onBind(ctx, bind, faults);
        } else if (msg instanceof Unbind unbind) {
            state = SmscSessionState.UNBOUND;
            router.unregister(this);
            ctx.writeAndFlush(COMPOSER.unbindResp(SMPPConstant.STAT_ESME_ROK, unbind.getSequenceNumber()))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (msg instanceof UndecodablePdu bad) {
            if (bad.isRequest()) {
                ctx.write(COMPOSER.genericNack(bad.commandStatus(), bad.sequenceNumber()));
            }
        } else if (msg instanceof InvalidFrame frame) {
            ctx.writeAndFlush(COMPOSER.genericNack(SMPPConstant.STAT_ESME_RINVCMDLEN, frame.sequenceNumber()))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        // Responses we do not track (enquire_link_resp, generic_nack) need no answer.
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    private void onBind(ChannelHandlerContext ctx, Bind bind, Faults faults) {
        int respId = bind.getCommandId() | SMPPConstant.MASK_CID_RESP;
        int status = SMPPConstant.STAT_ESME_ROK;
        if (state != SmscSessionState.OPEN) {
            status = SMPPConstant.STAT_ESME_RALYBND;
        } else if (faults.refuseBindStatus() != SMPPConstant.STAT_ESME_ROK) {
            status = faults.refuseBindStatus();
        } else if (config.systemId() != null && !config.systemId().equals(bind.getSystemId())) {
            status = SMPPConstant.STAT_ESME_RINVSYSID;
        } else if (config.password() != null && !config.password().equals(bind.getPassword())) {
            status = SMPPConstant.STAT_ESME_RINVPASWD;
        }
        if (status != SMPPConstant.STAT_ESME_ROK) {
            counters.bindsRefused.increment();
            LOG.info("{}: bind refused for system_id '{}' from {}: status 0x{}", config.id(), bind.getSystemId(),
                    ctx.channel().remoteAddress(), Integer.toHexString(status));
            ctx.writeAndFlush(COMPOSER.composeHeader(respId, status, bind.getSequenceNumber()));
            if (state == SmscSessionState.OPEN) {
                ctx.close();
            }
            return;
        }
        try {
            ctx.write(COMPOSER.bindResp(respId, bind.getSequenceNumber(), config.id()));
        } catch (PDUStringException e) {
            throw new IllegalStateException("SMSC id is not a valid system_id: " + config.id(), e);
        }
        systemId = bind.getSystemId() == null ? "" : bind.getSystemId();
        state = switch (bind.getCommandId()) {
            case SMPPConstant.CID_BIND_TRANSMITTER -> SmscSessionState.BOUND_TX;
            case SMPPConstant.CID_BIND_RECEIVER -> SmscSessionState.BOUND_RX;
            default -> SmscSessionState.BOUND_TRX;
        };
        counters.binds.increment();
        if (faults.dropAfterMillis() > 0) {
            ctx.executor().schedule(() -> dropIfStillFaulty(ctx), faults.dropAfterMillis(), TimeUnit.MILLISECONDS);
        }
        if (state.canReceive()) {
            long sweepMillis = Math.max(10, Math.min(1_000, config.receiptResendMillis() / 2));
            resendSweep = ctx.executor().scheduleAtFixedRate(this::resendOverdue, sweepMillis, sweepMillis,
                    TimeUnit.MILLISECONDS);
            router.register(this);
        }
    }

    /** The drop-after fault: closes this session if the fault is still set when its time comes. */
    private void dropIfStillFaulty(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && smsc.faults().current().dropAfterMillis() > 0) {
            counters.connectionsDropped.increment();
            ctx.close();
        }
    }

    private void onSubmit(ChannelHandlerContext ctx, SubmitSm submit, Faults faults) {
        counters.submitsReceived.increment();
        if (smsc.observer() != SubmitObserver.NONE) {
            smsc.observer().received(messageText(submit));
        }
        int sequence = submit.getSequenceNumber();
        if (!state.canSubmit()) {
            answerError(ctx, sequence, SMPPConstant.STAT_ESME_RINVBNDSTS);
            return;
        }
        if (!smsc.throttle().tryAcquire(System.nanoTime(), smsc.maxSubmitsPerSecond(faults))) {
            answerError(ctx, sequence, SMPPConstant.STAT_ESME_RTHROTTLED);
            return;
        }
        int status = faults.errors().pick();
        if (status != SMPPConstant.STAT_ESME_ROK) {
            counters.submitsErrored.increment();
        }
        long delay = config.submitLatencyMillis();
        if (faults.extraLatencyMillis() > 0 && ThreadLocalRandom.current().nextInt(100) < faults.latencyPercent()) {
            delay += faults.extraLatencyMillis();
            counters.submitsDelayed.increment();
        }
        if (delay == 0) {
            answer(ctx, submit, status);
        } else {
            ctx.executor().schedule(() -> {
                // An answer due after the SMSC fell silent is never sent, as from a hung SMSC.
                if (ctx.channel().isActive() && !smsc.faults().current().silent()) {
                    answer(ctx, submit, status);
                    ctx.flush();
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void answer(ChannelHandlerContext ctx, SubmitSm submit, int status) {
        if (status == SMPPConstant.STAT_ESME_ROK) {
            accept(ctx, submit, smsc.nextMessageId());
        } else {
            answerError(ctx, submit.getSequenceNumber(), status);
        }
    }

    private void answerError(ChannelHandlerContext ctx, int sequence, int status) {
        // SMPP 3.4 5.1: a submit_sm_resp with an error status carries no body.
        ctx.write(COMPOSER.composeHeader(SMPPConstant.CID_SUBMIT_SM_RESP, status, sequence));
        counters.answered(status);
    }

    private void accept(ChannelHandlerContext ctx, SubmitSm submit, String messageId) {
        try {
            ctx.write(COMPOSER.submitSmResp(submit.getSequenceNumber(), messageId));
        } catch (PDUStringException e) {
            throw new IllegalStateException("generated message id is invalid: " + messageId, e);
        }
        counters.answered(SMPPConstant.STAT_ESME_ROK);
        smsc.observer().accepted(messageText(submit), messageId);
        ReceiptOutcome outcome = config.outcomes().pick();
        if (config.sendReceipts() && receiptWanted(submit.getRegisteredDelivery(), outcome)) {
            int lossPercent = smsc.faults().current().receiptLossPercent();
            if (lossPercent > 0 && ThreadLocalRandom.current().nextInt(100) < lossPercent) {
                counters.receiptsSuppressed.increment();
                return;
            }
            LocalDateTime submitted = LocalDateTime.now();
            DeliveryReceipt receipt = new DeliveryReceipt(systemId, messageId,
                    submit.getDestAddrTon(), submit.getDestAddrNpi(), submit.getDestAddress(),
                    submit.getSourceAddrTon(), submit.getSourceAddrNpi(), submit.getSourceAddr(),
                    submitted, submitted.plusNanos(config.receiptDelayMillis() * 1_000_000L), outcome,
                    DeliveryReceipt.excerpt(messageText(submit)), 1);
            if (config.receiptDelayMillis() == 0) {
                router.route(receipt, this);
            } else {
                ctx.executor().schedule(() -> router.route(receipt, this), config.receiptDelayMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private static boolean receiptWanted(byte registeredDelivery, ReceiptOutcome outcome) {
        return SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(registeredDelivery)
                || (SMSCDeliveryReceipt.FAILURE.containedIn(registeredDelivery) && outcome.isFailure())
                || (SMSCDeliveryReceipt.SUCCESS.containedIn(registeredDelivery) && !outcome.isFailure());
    }

    private static byte[] messageText(SubmitSm submit) {
        byte[] shortMessage = submit.getShortMessage();
        if (shortMessage != null && shortMessage.length > 0) {
            return shortMessage;
        }
        OptionalParameter payload = submit.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        return payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
    }

    /** Takes the receipt if this session is receiving and has a free slot; any thread. */
    boolean offer(DeliveryReceipt receipt) {
        if (!state.canReceive() || ctx == null || smsc.faults().current().silent()) {
            return false;
        }
        if (receiptSlots.incrementAndGet() > RECEIPT_WINDOW) {
            receiptSlots.decrementAndGet();
            return false;
        }
        try {
            ctx.executor().execute(() -> {
                send(receipt);
                ctx.flush();
            });
        } catch (RejectedExecutionException e) {
            receiptSlots.decrementAndGet(); // the SMSC is shutting down
            return false;
        }
        return true;
    }

    /** Pulls held receipts for this system_id while slots are free; any thread. */
    void drainHeld() {
        if (ctx == null || ctx.executor().isShuttingDown()) {
            return;
        }
        ctx.executor().execute(() -> {
            while (state.canReceive() && receiptSlots.get() < RECEIPT_WINDOW && !smsc.faults().current().silent()) {
                DeliveryReceipt receipt = router.pollHeld(systemId);
                if (receipt == null) {
                    break;
                }
                receiptSlots.incrementAndGet();
                send(receipt);
            }
            ctx.flush();
        });
    }

    /** Writes one receipt; a slot has been reserved by the caller. Event loop only. */
    private void send(DeliveryReceipt receipt) {
        if (!state.canReceive() || !ctx.channel().isActive() || smsc.faults().current().silent()) {
            receiptSlots.decrementAndGet();
            router.route(receipt, null);
            return;
        }
        int sequence = sequences.next();
        try {
            ctx.write(receipt.toPdu(COMPOSER, sequence));
        } catch (PDUStringException e) {
            receiptSlots.decrementAndGet();
            counters.receiptsDropped.increment();
            LOG.warn("{}: receipt {} not encodable: {}", config.id(), receipt.messageId(), e.getMessage());
            return;
        }
        outstanding.put(sequence, new Outstanding(receipt, System.nanoTime()));
        if (receipt.attempt() == 1) {
            counters.receiptsSent.increment();
        } else {
            counters.receiptsResent.increment();
        }
    }

    private void onDeliverSmResp(DeliverSmResp resp) {
        Outstanding done = outstanding.remove(resp.getSequenceNumber());
        if (done == null) {
            return; // answered after we gave up and resent it: the resend will be counted on its own
        }
        receiptSlots.decrementAndGet();
        if (resp.getCommandStatus() == SMPPConstant.STAT_ESME_ROK) {
            counters.receiptsAcknowledged.increment();
        } else {
            // The ESME refused it (e.g. its queue is full): try again later, like a real SMSC would.
            router.route(done.receipt().nextAttempt(), null);
        }
        if (!router.isEmptyHold(systemId)) {
            drainHeld();
        }
    }

    /** Receipts unanswered past the resend timeout are routed again (counted, bounded by MAX_ATTEMPTS). */
    private void resendOverdue() {
        long cutoff = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(config.receiptResendMillis());
        Iterator<Outstanding> it = outstanding.values().iterator();
        while (it.hasNext()) {
            Outstanding o = it.next();
            if (o.sentNanos() - cutoff > 0) {
                break; // insertion order is send order: the rest are younger
            }
            it.remove();
            receiptSlots.decrementAndGet();
            router.route(o.receipt().nextAttempt(), null);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = SmscSessionState.CLOSED;
        router.unregister(this);
        if (resendSweep != null) {
            resendSweep.cancel(false);
        }
        // Unanswered receipts may or may not have arrived: send them again elsewhere (at least once).
        for (Outstanding o : outstanding.values()) {
            router.route(o.receipt().nextAttempt(), null);
        }
        outstanding.clear();
        receiptSlots.set(0);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: closing session of '{}' from {}: {}", config.id(), systemId, ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
