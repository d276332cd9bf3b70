package io.edgegw.simulator.load;

import io.edgegw.simulator.wire.Digits;
import io.edgegw.simulator.wire.MessageFields;
import io.edgegw.simulator.wire.Outbox;
import io.edgegw.simulator.wire.Pdu;
import io.edgegw.simulator.wire.PduWriter;
import io.edgegw.simulator.wire.SequenceNumbers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One transceiver bind of the load generator. Keeps at most {@code window} submit_sm outstanding, takes new
 * messages from the shared {@link SubmitPacer} on every tick and after every read batch, answers deliver_sm
 * and enquire_link. Everything it writes goes into an {@link Outbox} flushed once per read batch or tick; the clock
 * is read once per read batch (the answers in one read arrived together) and once per fill. All state lives on this
 * channel's event loop.
 */
final class LoadSession extends ChannelInboundHandlerAdapter {
    static final long RETRY_BACKOFF_MILLIS = 50;
    /** Attempts per message against ESME_RTHROTTLED/ESME_RMSGQFUL before it counts as rejected. */
    static final int MAX_ATTEMPTS = 200;
    /** Keeps the bind alive through quiet spells (e.g. waiting for late receipts) behind inactivity timers. */
    static final long ENQUIRE_LINK_SECONDS = 30;
    private static final short RECEIPTED_MESSAGE_ID = OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code();
    private static final byte[] TEXT_PREFIX = "load message ".getBytes(StandardCharsets.US_ASCII);
    /** Room a submit_sm or an answer takes in the outbox. */
    private static final int PDU_ROOM = 160;

    enum State { CONNECTING, BINDING, BOUND, UNBINDING, CLOSED }

    /** {@code part} is 0 but for the UDH parts of a long message. */
    private record InFlight(long message, int part, int attempt, long sentNanos) {
    }

    private record Retry(long message, int part, int attempt) {
    }

    private final LoadConfig config;
    private final LoadStats stats;
    private final ReceiptLedger ledger;
    private final SubmitPacer pacer;
    private final MessageFields submitFields;
    private final MessagePlan plan;
    private final TextMessages texts;
    /** The message whose parts this session is sending (all on this bind, in order), and its next part. */
    private long current = -1;
    private int nextPart;
    private int currentParts;
    private final int destinationWidth;
    private final StringBuilder destination = new StringBuilder(24);
    private final long responseTimeoutNanos;
    private final Map<Integer, InFlight> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Retry> retries = new ArrayDeque<>();
    /** Completes with the bind_resp command_status. */
    final CompletableFuture<Integer> bound = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile State state = State.CONNECTING;
    private ChannelHandlerContext ctx;
    private Outbox outbox;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> keepAlive;
    private final SequenceNumbers sequences = new SequenceNumbers();
    private long pausedUntilNanos = Long.MIN_VALUE;
    /** When the current read batch arrived; 0 between batches. */
    private long readNanos;

    LoadSession(LoadConfig config, LoadStats stats, ReceiptLedger ledger, SubmitPacer pacer) {
        this.config = config;
        this.stats = stats;
        this.ledger = ledger;
        this.pacer = pacer;
        byte registeredDelivery = config.registeredDelivery()
                ? SMSCDeliveryReceipt.SUCCESS_FAILURE.value() : SMSCDeliveryReceipt.DEFAULT.value();
        this.submitFields = MessageFields.of(TypeOfNumber.UNKNOWN.value(), NumberingPlanIndicator.UNKNOWN.value(),
                config.sourceAddress(), TypeOfNumber.INTERNATIONAL.value(), NumberingPlanIndicator.ISDN.value(), "",
                (byte) 0, registeredDelivery, (byte) 0);
        this.plan = pacer.plan();
        this.texts = new TextMessages(config.textMix().longForm(), submitFields);
        this.destinationWidth = config.destinationWidth();
        this.responseTimeoutNanos = TimeUnit.SECONDS.toNanos(config.responseTimeoutSeconds());
    }

    State state() {
        return state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.outbox = new Outbox(ctx);
        state = State.BINDING;
        PduWriter.bind(outbox.buffer(PDU_ROOM), SMPPConstant.CID_BIND_TRANSCEIVER, sequences.next(), config.systemId(),
                config.password(), "", InterfaceVersion.IF_34.value(), TypeOfNumber.UNKNOWN.value(),
                NumberingPlanIndicator.UNKNOWN.value(), "");
        outbox.flush();
        ctx.fireChannelActive();
    }

    /** Starts submitting; call once every session is bound so the pacer's clock starts fair. */
    void start() {
        ctx.executor().execute(() -> {
            long tickMillis = config.targetRate() > 0 ? 1 : 10;
            tick = ctx.executor().scheduleAtFixedRate(this::onTick, 0, tickMillis, TimeUnit.MILLISECONDS);
            keepAlive = ctx.executor().scheduleAtFixedRate(() -> {
                if (state == State.BOUND) {
                    PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_ENQUIRE_LINK,
                            SMPPConstant.STAT_ESME_ROK, sequences.next());
                    outbox.flush();
                }
            }, ENQUIRE_LINK_SECONDS, ENQUIRE_LINK_SECONDS, TimeUnit.SECONDS);
        });
    }

    /** Sends unbind (the peer's unbind_resp closes the channel). */
    void unbind() {
        ctx.executor().execute(() -> {
            cancelTick();
            if (state == State.BOUND) {
                state = State.UNBINDING;
                PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_UNBIND, SMPPConstant.STAT_ESME_ROK,
                        sequences.next());
                outbox.flush();
            } else {
                ctx.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Pdu pdu)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (readNanos == 0) {
            readNanos = System.nanoTime();
        }
        if (pdu instanceof Pdu.SubmitSmResp resp) {
            onSubmitResp(resp.sequenceNumber(), resp.commandStatus(), resp.messageId());
        } else if (pdu instanceof Pdu.DeliverSm deliver) {
            onDeliverSm(deliver);
        } else if (pdu instanceof Pdu.EnquireLink link) {
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_ENQUIRE_LINK_RESP, SMPPConstant.STAT_ESME_ROK,
                    link.sequenceNumber());
        } else if (pdu instanceof Pdu.BindResp resp) {
            if (resp.commandStatus() == SMPPConstant.STAT_ESME_ROK) {
                state = State.BOUND;
            } else {
                ctx.close();
            }
            bound.complete(resp.commandStatus());
        } else if (pdu instanceof Pdu.GenericNack nack) {
            onSubmitResp(nack.sequenceNumber(), nack.commandStatus(), "");
        } else if (pdu instanceof Pdu.Unbind unbind) {
            state = State.UNBINDING;
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_UNBIND_RESP, SMPPConstant.STAT_ESME_ROK,
                    unbind.sequenceNumber());
            outbox.flushAndClose();
        } else if (pdu instanceof Pdu.UnbindResp) {
            ctx.close();
        } else if (pdu instanceof Pdu.Malformed bad && Pdu.isRequest(bad.commandId())) {
            // As the SMSC does: a length error is generic_nack, a field error the command's own response.
            PduWriter.header(outbox.buffer(PDU_ROOM), bad.error() == SMPPConstant.STAT_ESME_RINVCMDLEN
                    ? SMPPConstant.CID_GENERIC_NACK : bad.commandId() | SMPPConstant.MASK_CID_RESP,
                    bad.error(), bad.sequenceNumber());
        } else if (pdu instanceof Pdu.Unsupported other && Pdu.isRequest(other.commandId())) {
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_GENERIC_NACK, SMPPConstant.STAT_ESME_RINVCMDID,
                    other.sequenceNumber());
        } else if (pdu instanceof Pdu.BadFrame frame) {
            PduWriter.header(outbox.buffer(PDU_ROOM), SMPPConstant.CID_GENERIC_NACK, SMPPConstant.STAT_ESME_RINVCMDLEN,
                    frame.sequenceNumber());
            outbox.flushAndClose();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readNanos = 0;
        fill(System.nanoTime());
        outbox.flush();
    }

    private void onTick() {
        long now = System.nanoTime();
        expireOverdue(now);
        fill(now);
        outbox.flush();
    }

    /** Puts submits on the wire while the window has room and the pacer allows. */
    private void fill(long now) {
        if (pausedUntilNanos != Long.MIN_VALUE && now - pausedUntilNanos < 0) {
            return;
        }
        while (state == State.BOUND && inFlight.size() < config.window() && pacer.tryPace(now)) {
            Retry retry = retries.poll();
            if (retry != null) {
                stats.resubmitted.increment();
                send(retry.message(), retry.part(), retry.attempt(), now);
                continue;
            }
            if (nextPart == currentParts) {
                long message = pacer.nextMessage(now);
                if (message < 0) {
                    pacer.unpace();
                    return;
                }
                current = message;
                nextPart = 0;
                currentParts = plan.parts(message);
                stats.kindMessages[plan.kind(message).ordinal()].increment();
            }
            stats.submitted.increment();
            stats.kindSubmits[plan.kind(current).ordinal()].increment();
            send(current, nextPart++, 1, now);
        }
    }

    /**
     * One submit_sm: destination and text ("load message N") written in place, nothing built per message; a long or
     * Unicode text's part by {@link TextMessages}. All parts of a message go to its destination.
     */
    private void send(long message, int part, int attempt, long now) {
        int sequence = sequences.next();
        destination.setLength(0);
        config.appendDestination(destination, message, destinationWidth);
        TextKind kind = plan.kind(message);
        if (kind != TextKind.SHORT) {
            texts.write(outbox.buffer(TextMessages.PDU_ROOM), sequence, destination, kind, message, part);
            inFlight.put(sequence, new InFlight(message, part, attempt, now));
            return;
        }
        ByteBuf out = outbox.buffer(PDU_ROOM);
        int start = PduWriter.beginMessage(out, SMPPConstant.CID_SUBMIT_SM, sequence, submitFields, destination);
        int text = out.writerIndex();
        out.writeBytes(TEXT_PREFIX);
        Digits.decimal(out, message);
        PduWriter.endShortMessage(out, text);
        PduWriter.end(out, start);
        inFlight.put(sequence, new InFlight(message, part, attempt, now));
    }

    private void onSubmitResp(int sequence, int status, String messageId) {
        InFlight sent = inFlight.remove(sequence);
        if (sent == null) {
            return; // answered after it timed out, or not one of ours
        }
        if (status == SMPPConstant.STAT_ESME_ROK) {
            stats.latencyMicros.recordValue(Math.max(0, (readNanos - sent.sentNanos()) / 1_000));
            stats.acknowledged.increment();
            stats.finished.increment();
            if (!messageId.isEmpty()) {
                ledger.acknowledged(messageId, sent.sentNanos());
            }
        } else if ((status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL)
                && sent.attempt() < MAX_ATTEMPTS) {
            stats.throttled.increment();
            retries.add(new Retry(sent.message(), sent.part(), sent.attempt() + 1));
            // The peer is saturated: the whole bind backs off, as a real ESME would, not just this message.
            pausedUntilNanos = readNanos + TimeUnit.MILLISECONDS.toNanos(RETRY_BACKOFF_MILLIS);
        } else {
            if (status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL) {
                stats.throttled.increment();
            }
            stats.rejected(status);
            stats.finished.increment();
        }
    }

    private void onDeliverSm(Pdu.DeliverSm deliver) {
        PduWriter.deliverSmResp(outbox.buffer(PDU_ROOM), SMPPConstant.STAT_ESME_ROK, deliver.sequenceNumber());
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliver.fields().esmClass())) {
            stats.mobileOriginated.increment();
            return;
        }
        stats.receiptsReceived.increment();
        String messageId = deliver.tlvs().cString(RECEIPTED_MESSAGE_ID);
        if (messageId == null) {
            messageId = ReceiptText.id(deliver.shortMessage());
        }
        stats.receiptStat(ReceiptText.stat(deliver.shortMessage()));
        if (!messageId.isEmpty()) {
            ledger.receipt(messageId, readNanos);
        }
    }

    private void expireOverdue(long now) {
        Iterator<InFlight> it = inFlight.values().iterator();
        while (it.hasNext()) {
            InFlight f = it.next();
            if (now - f.sentNanos() < responseTimeoutNanos) {
                break; // insertion order is send order
            }
            it.remove();
            lost(1);
        }
    }

    private void lost(int count) {
        stats.timedOut.add(count);
        stats.finished.add(count);
    }

    private void cancelTick() {
        if (tick != null) {
            tick.cancel(false);
        }
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        cancelTick();
        outbox.discard();
        // Whatever was outstanding will never be answered on this connection.
        lost(inFlight.size() + retries.size() + (currentParts - nextPart));
        nextPart = currentParts;
        inFlight.clear();
        retries.clear();
        bound.complete(-1);
        closed.complete(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
