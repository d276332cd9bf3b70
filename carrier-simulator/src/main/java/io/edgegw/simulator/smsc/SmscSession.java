package io.edgegw.simulator.smsc;

import io.edgegw.simulator.wire.Outbox;
import io.edgegw.simulator.wire.Pdu;
import io.edgegw.simulator.wire.PduWriter;
import io.edgegw.simulator.wire.Tlvs;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One ESME connection to the simulated SMSC: bind, submit_sm answered after the configured latency, receipts
 * written as deliver_sm and tracked until their deliver_sm_resp ({@link ReceiptWindow}). Everything runs on this
 * channel's event loop except {@link ReceiptWindow#offer}, which hops onto it. Answers go into an {@link Outbox}
 * flushed once per read batch or timer run, and the clocks are read once per batch ({@link BatchClock}).
 */
final class SmscSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmscSession.class);
    private static final short MESSAGE_PAYLOAD = OptionalParameter.Tag.MESSAGE_PAYLOAD.code();
    /** Room an answer or a receipt usually needs in the outbox. */
    private static final int PDU_ROOM = 256;

    private final SimulatedSmsc smsc;
    private final SmscConfig config;
    private final SmscCounters counters;
    private final ReceiptRouter router;
    private final BatchClock clock = new BatchClock();
    private final ReceiptWindow receipts;
    private volatile SmscSessionState state = SmscSessionState.OPEN;
    private volatile String systemId = "";
    private ChannelHandlerContext ctx;
    private Outbox outbox;
    /** submit_sm waiting for the configured latency before their answer (tag: the status to answer). */
    private DelayLine<Pdu.SubmitSm> answers;
    /** Receipts waiting for the configured receipt delay before they are routed. */
    private DelayLine<DeliveryReceipt> receiptsLater;
    /** Inside a read batch or a timer run whose end flushes: writes need no flush of their own. */
    private boolean inBatch;

    SmscSession(SimulatedSmsc smsc, ReceiptRouter router) {
        this.smsc = smsc;
        this.config = smsc.config();
        this.counters = smsc.counters();
        this.router = router;
        this.receipts = new ReceiptWindow(this, smsc, router);
    }

    String systemId() {
        return systemId;
    }

    SmscSessionState state() {
        return state;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    Outbox outbox() {
        return outbox;
    }

    BatchClock clock() {
        return clock;
    }

    /** Takes the receipt if this session is receiving and has a free slot; any thread. */
    boolean offer(DeliveryReceipt receipt) {
        return receipts.offer(receipt);
    }

    /** Pulls held receipts for this system_id while slots are free; any thread. */
    void drainHeld() {
        receipts.drainHeld();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.outbox = new Outbox(ctx);
        this.answers = new DelayLine<>(ctx.executor(), config.submitLatencyMillis(), (submit, status) -> {
            inBatch = true;
            answerLater(submit, status);
        }, this::endBatch);
        this.receiptsLater = new DelayLine<>(ctx.executor(), config.receiptDelayMillis(), (receipt, unused) -> {
            inBatch = true;
            router.route(receipt, this);
        }, this::endBatch);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Pdu pdu)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        inBatch = true;
        Faults faults = smsc.faults().current();
        if (pdu instanceof Pdu.DeliverSmResp resp) {
            receipts.answered(resp.sequenceNumber(), resp.commandStatus()); // bookkeeping only, also while silent
        } else if (faults.silent()) {
            counters.pdusIgnored.increment(); // a hung SMSC: the PDU is read and never answered
        } else if (pdu instanceof Pdu.SubmitSm submit) {
            onSubmit(submit, faults);
        } else if (pdu instanceof Pdu.EnquireLink link) {
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_ENQUIRE_LINK_RESP, SMPPConstant.STAT_ESME_ROK,
                    link.sequenceNumber());
        } else if (pdu instanceof Pdu.Bind bind) {
            onBind(bind, faults);
        } else if (pdu instanceof Pdu.Unbind unbind) {
            state = SmscSessionState.UNBOUND;
            router.unregister(this);
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_UNBIND_RESP, SMPPConstant.STAT_ESME_ROK,
                    unbind.sequenceNumber());
            outbox.flushAndClose();
        } else if (pdu instanceof Pdu.Malformed bad) {
            onMalformed(bad);
        } else if (pdu instanceof Pdu.Unsupported other && Pdu.isRequest(other.commandId())) {
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_GENERIC_NACK, SMPPConstant.STAT_ESME_RINVCMDID,
                    other.sequenceNumber());
        } else if (pdu instanceof Pdu.BadFrame frame) {
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_GENERIC_NACK, SMPPConstant.STAT_ESME_RINVCMDLEN,
                    frame.sequenceNumber());
            outbox.flushAndClose();
        }
        // Responses we do not track (enquire_link_resp, generic_nack, ...) need no answer.
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        endBatch();
    }

    /** One flush for everything the batch wrote; the next batch reads the clocks again. */
    void endBatch() {
        inBatch = false;
        outbox.flush();
        clock.next();
    }

    /** True while a batch of this session is running: whatever it writes goes out with that batch's flush. */
    boolean inBatch() {
        return inBatch;
    }

    /**
     * A body broken in a field is answered by the command's own response with that field's status (SMPP 3.4 4); one
     * whose length does not fit its fields is a command_length error, answered generic_nack (4.3.1).
     */
    private void onMalformed(Pdu.Malformed bad) {
        if (!Pdu.isRequest(bad.commandId())) {
            return;
        }
        LOG.debug("{}: malformed PDU 0x{} from '{}': {}", config.id(), Integer.toHexString(bad.commandId()), systemId,
                bad.reason());
        boolean lengthError = bad.error() == SMPPConstant.STAT_ESME_RINVCMDLEN;
        PduWriter.header(outbox.buffer(PDU_ROOM),
                lengthError ? SMPPConstant.CID_GENERIC_NACK : bad.commandId() | SMPPConstant.MASK_CID_RESP,
                bad.error(), bad.sequenceNumber());
        if (bad.commandId() == SMPPConstant.CID_SUBMIT_SM) {
            counters.submitsReceived.increment();
            counters.answered(bad.error());
        }
    }

    private void onBind(Pdu.Bind bind, Faults faults) {
        int respId = bind.commandId() | SMPPConstant.MASK_CID_RESP;
        int status = SMPPConstant.STAT_ESME_ROK;
        if (state != SmscSessionState.OPEN) {
            status = SMPPConstant.STAT_ESME_RALYBND;
        } else if (faults.refuseBindStatus() != SMPPConstant.STAT_ESME_ROK) {
            status = faults.refuseBindStatus();
        } else if (config.systemId() != null && !config.systemId().equals(bind.systemId())) {
            status = SMPPConstant.STAT_ESME_RINVSYSID;
        } else if (config.password() != null && !config.password().equals(bind.password())) {
            status = SMPPConstant.STAT_ESME_RINVPASWD;
        }
        if (status != SMPPConstant.STAT_ESME_ROK) {
            counters.bindsRefused.increment();
            LOG.info("{}: bind refused for system_id '{}' from {}: status 0x{}", config.id(), bind.systemId(),
                    ctx.channel().remoteAddress(), Integer.toHexString(status));
            // SMPP 3.4 4.1.2: a refused bind's answer has no body.
            PduWriter.header(outbox.buffer(PDU_ROOM), respId, status, bind.sequenceNumber());
            if (state == SmscSessionState.OPEN) {
                outbox.flushAndClose();
            }
            return;
        }
        PduWriter.bindResp(outbox.buffer(PDU_ROOM), respId, bind.sequenceNumber(), config.id(),
                Tlvs.NONE);
        systemId = bind.systemId();
        state = switch (bind.commandId()) {
            case SMPPConstant.CID_BIND_TRANSMITTER -> SmscSessionState.BOUND_TX;
            case SMPPConstant.CID_BIND_RECEIVER -> SmscSessionState.BOUND_RX;
            default -> SmscSessionState.BOUND_TRX;
        };
        counters.binds.increment();
        if (faults.dropAfterMillis() > 0) {
            ctx.executor().schedule(this::dropIfStillFaulty, faults.dropAfterMillis(), TimeUnit.MILLISECONDS);
        }
        if (state.canReceive()) {
            receipts.start();
            router.register(this);
        }
    }

    /** The drop-after fault: closes this session if the fault is still set when its time comes. */
    private void dropIfStillFaulty() {
        if (ctx.channel().isActive() && smsc.faults().current().dropAfterMillis() > 0) {
            counters.connectionsDropped.increment();
            ctx.close();
        }
    }

    private void onSubmit(Pdu.SubmitSm submit, Faults faults) {
        counters.submitsReceived.increment();
        if (smsc.observer() != SubmitObserver.NONE) {
            smsc.observer().received(messageText(submit), submit.fields());
            smsc.observer().received(submit);
        }
        int sequence = submit.sequenceNumber();
        if (!state.canSubmit()) {
            answerError(sequence, SMPPConstant.STAT_ESME_RINVBNDSTS);
            return;
        }
        int cap = smsc.maxSubmitsPerSecond(faults);
        if (cap != 0 && !smsc.throttle().tryAcquire(clock.nanos(), cap)) {
            answerError(sequence, SMPPConstant.STAT_ESME_RTHROTTLED);
            return;
        }
        int status = faults.errors().pick();
        if (status != SMPPConstant.STAT_ESME_ROK) {
            counters.submitsErrored.increment();
        }
        if (faults.extraLatencyMillis() > 0 && ThreadLocalRandom.current().nextInt(100) < faults.latencyPercent()) {
            counters.submitsDelayed.increment();
            // The latency fault is rare and random: a timer of its own, not the fixed-delay line.
            ctx.executor().schedule(() -> {
                answerLater(submit, status);
                endBatch();
            }, config.submitLatencyMillis() + faults.extraLatencyMillis(), TimeUnit.MILLISECONDS);
        } else if (config.submitLatencyMillis() == 0) {
            answer(submit, status);
        } else {
            answers.add(submit, status, clock.nanos());
        }
    }

    /** An answer due after the connection closed or the SMSC fell silent is never sent, as from a hung SMSC. */
    private void answerLater(Pdu.SubmitSm submit, int status) {
        if (ctx.channel().isActive() && !smsc.faults().current().silent()) {
            answer(submit, status);
        }
    }

    private void answer(Pdu.SubmitSm submit, int status) {
        if (status == SMPPConstant.STAT_ESME_ROK) {
            accept(submit);
        } else {
            answerError(submit.sequenceNumber(), status);
        }
    }

    private void answerError(int sequence, int status) {
        // SMPP 3.4 4.4.2: a submit_sm_resp with an error status carries no body.
        PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_SUBMIT_SM_RESP, status, sequence);
        counters.answered(status);
    }

    private void accept(Pdu.SubmitSm submit) {
        long messageId = smsc.nextMessageId();
        PduWriter.submitSmResp(outbox.buffer(PDU_ROOM), submit.sequenceNumber(), messageId,
                config.messageIdFormat() == MessageIdFormat.HEX);
        counters.answered(SMPPConstant.STAT_ESME_ROK);
        if (smsc.observer() != SubmitObserver.NONE) {
            smsc.observer().accepted(messageText(submit), config.messageIdFormat().format(messageId));
        }
        ReceiptOutcome outcome = config.outcomes().pick();
        if (!config.sendReceipts() || !receiptWanted(submit.fields().registeredDelivery(), outcome)) {
            return;
        }
        int lossPercent = smsc.faults().current().receiptLossPercent();
        if (lossPercent > 0 && ThreadLocalRandom.current().nextInt(100) < lossPercent) {
            counters.receiptsSuppressed.increment();
            return;
        }
        long now = clock.millis();
        DeliveryReceipt receipt = DeliveryReceipt.of(systemId, messageId, submit.fields(), now,
                now + config.receiptDelayMillis(), outcome, messageText(submit));
        if (config.receiptDelayMillis() == 0) {
            router.route(receipt, this);
        } else {
            receiptsLater.add(receipt, 0, clock.nanos());
        }
    }

    private static boolean receiptWanted(byte registeredDelivery, ReceiptOutcome outcome) {
        return SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(registeredDelivery)
                || (SMSCDeliveryReceipt.FAILURE.containedIn(registeredDelivery) && outcome.isFailure())
                || (SMSCDeliveryReceipt.SUCCESS.containedIn(registeredDelivery) && !outcome.isFailure());
    }

    /** The short_message octets, or the message_payload TLV's when short_message is empty. */
    private static byte[] messageText(Pdu.SubmitSm submit) {
        if (submit.shortMessage().length > 0) {
            return submit.shortMessage();
        }
        byte[] payload = submit.tlvs().value(MESSAGE_PAYLOAD);
        return payload != null ? payload : submit.shortMessage();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A peer that does not read its answers stops being read: our buffers stay bounded.
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = SmscSessionState.CLOSED;
        router.unregister(this);
        receipts.close();
        outbox.discard();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: closing session of '{}' from {}: {}", config.id(), systemId, ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
