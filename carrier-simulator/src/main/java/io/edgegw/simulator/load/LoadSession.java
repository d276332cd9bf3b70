package io.edgegw.simulator.load;

import io.edgegw.smpp.window.SequenceNumbers;
import io.edgegw.smpp.codec.InvalidFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindResp;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.GenericNack;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.Unbind;
import org.jsmpp.bean.UnbindResp;
import org.jsmpp.util.DefaultComposer;

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
 * and enquire_link. All state lives on this channel's event loop.
 */
final class LoadSession extends ChannelInboundHandlerAdapter {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    static final long RETRY_BACKOFF_MILLIS = 50;
    /** Attempts per message against ESME_RTHROTTLED/ESME_RMSGQFUL before it counts as rejected. */
    static final int MAX_ATTEMPTS = 200;
    /** Keeps the bind alive through quiet spells (e.g. waiting for late receipts) behind inactivity timers. */
    static final long ENQUIRE_LINK_SECONDS = 30;

    enum State { CONNECTING, BINDING, BOUND, UNBINDING, CLOSED }

    private record InFlight(long message, int attempt, long sentNanos) {
    }

    private record Retry(long message, int attempt) {
    }

    private final LoadConfig config;
    private final LoadStats stats;
    private final ReceiptLedger ledger;
    private final SubmitPacer pacer;
    private final byte registeredDelivery;
    private final long responseTimeoutNanos;
    private final Map<Integer, InFlight> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Retry> retries = new ArrayDeque<>();
    /** Completes with the bind_resp command_status. */
    final CompletableFuture<Integer> bound = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile State state = State.CONNECTING;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> keepAlive;
    private final SequenceNumbers sequences = new SequenceNumbers();
    private long pausedUntilNanos = Long.MIN_VALUE;

    LoadSession(LoadConfig config, LoadStats stats, ReceiptLedger ledger, SubmitPacer pacer) {
        this.config = config;
        this.stats = stats;
        this.ledger = ledger;
        this.pacer = pacer;
        this.registeredDelivery = config.registeredDelivery()
                ? SMSCDeliveryReceipt.SUCCESS_FAILURE.value() : SMSCDeliveryReceipt.DEFAULT.value();
        this.responseTimeoutNanos = TimeUnit.SECONDS.toNanos(config.responseTimeoutSeconds());
    }

    State state() {
        return state;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws PDUStringException {
        this.ctx = ctx;
        state = State.BINDING;
        ctx.writeAndFlush(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, sequences.next(), config.systemId(),
                config.password(), "", InterfaceVersion.IF_34.value(), TypeOfNumber.UNKNOWN.value(),
                NumberingPlanIndicator.UNKNOWN.value(), null));
        ctx.fireChannelActive();
    }

    /** Starts submitting; call once every session is bound so the pacer's clock starts fair. */
    void start() {
        ctx.executor().execute(() -> {
            long tickMillis = config.targetRate() > 0 ? 1 : 10;
            tick = ctx.executor().scheduleAtFixedRate(this::onTick, 0, tickMillis, TimeUnit.MILLISECONDS);
            keepAlive = ctx.executor().scheduleAtFixedRate(() -> {
                if (state == State.BOUND) {
                    ctx.writeAndFlush(COMPOSER.enquireLink(sequences.next()));
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
                ctx.writeAndFlush(COMPOSER.unbind(sequences.next()));
            } else {
                ctx.close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SubmitSmResp resp) {
            onSubmitResp(resp.getSequenceNumber(), resp.getCommandStatus(), resp.getMessageId());
        } else if (msg instanceof DeliverSm deliver) {
            onDeliverSm(ctx, deliver);
        } else if (msg instanceof EnquireLink link) {
            ctx.write(COMPOSER.enquireLinkResp(link.getSequenceNumber()));
        } else if (msg instanceof BindResp resp) {
            if (resp.getCommandStatus() == SMPPConstant.STAT_ESME_ROK) {
                state = State.BOUND;
            } else {
                ctx.close();
            }
            bound.complete(resp.getCommandStatus());
        } else if (msg instanceof GenericNack nack) {
            onSubmitResp(nack.getSequenceNumber(), nack.getCommandStatus(), null);
        } else if (msg instanceof Unbind unbind) {
            state = State.UNBINDING;
            ctx.writeAndFlush(COMPOSER.unbindResp(SMPPConstant.STAT_ESME_ROK, unbind.getSequenceNumber()));
            ctx.close();
        } else if (msg instanceof UnbindResp) {
            ctx.close();
        } else if (msg instanceof InvalidFrame) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        fill(System.nanoTime());
        ctx.flush();
    }

    private void onTick() {
        long now = System.nanoTime();
        expireOverdue(now);
        fill(now);
        ctx.flush();
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
                send(retry.message(), retry.attempt(), now);
                continue;
            }
            long message = pacer.nextMessage(now);
            if (message < 0) {
                pacer.unpace();
                return;
            }
            stats.submitted.increment();
            send(message, 1, now);
        }
    }

    private void send(long message, int attempt, long now) {
        int sequence = sequences.next();
        try {
            ctx.write(COMPOSER.submitSm(sequence, null, TypeOfNumber.UNKNOWN.value(),
                    NumberingPlanIndicator.UNKNOWN.value(), config.sourceAddress(), TypeOfNumber.INTERNATIONAL.value(),
                    NumberingPlanIndicator.ISDN.value(), config.destination(message), (byte) 0, (byte) 0, (byte) 0,
                    null, null, registeredDelivery, (byte) 0, (byte) 0, (byte) 0,
                    ("load message " + message).getBytes(StandardCharsets.ISO_8859_1)));
        } catch (PDUStringException e) {
            throw new IllegalArgumentException("submit_sm not encodable (check source/destination): " + e.getMessage(), e);
        }
        inFlight.put(sequence, new InFlight(message, attempt, now));
    }

    private void onSubmitResp(int sequence, int status, String messageId) {
        InFlight sent = inFlight.remove(sequence);
        if (sent == null) {
            return; // answered after it timed out, or not one of ours
        }
        if (status == SMPPConstant.STAT_ESME_ROK) {
            stats.latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sent.sentNanos()) / 1_000));
            stats.acknowledged.increment();
            stats.finished.increment();
            if (messageId != null) {
                ledger.acknowledged(messageId, sent.sentNanos());
            }
        } else if ((status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL)
                && sent.attempt() < MAX_ATTEMPTS) {
            stats.throttled.increment();
            retries.add(new Retry(sent.message(), sent.attempt() + 1));
            // The peer is saturated: the whole bind backs off, as a real ESME would, not just this message.
            pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_BACKOFF_MILLIS);
        } else {
            if (status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL) {
                stats.throttled.increment();
            }
            stats.rejected(status);
            stats.finished.increment();
        }
    }

    private void onDeliverSm(ChannelHandlerContext ctx, DeliverSm deliver) {
        ctx.write(COMPOSER.deliverSmResp(SMPPConstant.STAT_ESME_ROK, deliver.getSequenceNumber(), null));
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliver.getEsmClass())) {
            stats.mobileOriginated.increment();
            return;
        }
        stats.receiptsReceived.increment();
        String text = deliver.getShortMessage() == null ? ""
                : new String(deliver.getShortMessage(), StandardCharsets.ISO_8859_1);
        OptionalParameter receipted = deliver.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        String messageId = receipted instanceof OptionalParameter.OctetString octets
                ? octets.getValueAsString() : field(text, "id:");
        stats.receiptStat(field(text, "stat:"));
        if (messageId != null && !messageId.isEmpty()) {
            ledger.receipt(messageId);
        }
    }

    /** The value after {@code name} up to the next space, from the Appendix B receipt text; "" if absent. */
    static String field(String text, String name) {
        int start = text.indexOf(name);
        if (start < 0) {
            return "";
        }
        start += name.length();
        int end = text.indexOf(' ', start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
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
        // Whatever was outstanding will never be answered on this connection.
        lost(inFlight.size() + retries.size());
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
