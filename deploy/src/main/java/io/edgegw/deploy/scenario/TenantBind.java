package io.edgegw.deploy.scenario;

import io.edgegw.smpp.codec.InvalidFrame;
import io.edgegw.smpp.window.SequenceNumbers;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One transceiver bind of the scenario's tenant: keeps up to {@code window} submit_sm outstanding, takes message
 * numbers from the shared {@link SubmitSchedule}, writes every answer and receipt into the {@link TenantLedger}.
 * When the connection dies, what was outstanding is recorded as unanswered. State lives on the event loop.
 */
final class TenantBind extends ChannelInboundHandlerAdapter {
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    /** The default source_addr of the tenant's submits. */
    static final String SOURCE = "1000";
    private static final long TICK_MILLIS = 1;
    /** After answering the gateway's unbind, how long to wait for it to close the connection. */
    private static final long UNBIND_CLOSE_MILLIS = 2_000;

    private final String systemId;
    private final String password;
    private final int window;
    private final SubmitSchedule schedule;
    private final TenantLedger ledger;
    private final String source;
    private final IntFunction<String> destinations;
    private final SequenceNumbers sequences = new SequenceNumbers();
    /** submit_sm sequence number -> message number. */
    private final Map<Integer, Integer> inFlight = new HashMap<>();
    /** Completes with the bind_resp command_status, or -1 if the connection closed first. */
    final CompletableFuture<Integer> bound = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile int outstanding;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> tick;
    private boolean submitting;
    private boolean open = true;

    TenantBind(String systemId, String password, int window, SubmitSchedule schedule, TenantLedger ledger) {
        this(systemId, password, window, schedule, ledger, SOURCE, TenantBind::destination);
    }

    /**
     * @param source       the source_addr of every submit_sm: a receipt for it comes back addressed to it
     * @param destinations the destination_addr of message {@code n}
     */
    TenantBind(String systemId, String password, int window, SubmitSchedule schedule, TenantLedger ledger,
               String source, IntFunction<String> destinations) {
        this.source = source;
        this.destinations = destinations;
        this.systemId = systemId;
        this.password = password;
        this.window = window;
        this.schedule = schedule;
        this.ledger = ledger;
    }

    /** submit_sm waiting for an answer on this bind (any thread; may lag a little). */
    int outstanding() {
        return outstanding;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws PDUStringException {
        this.ctx = ctx;
        ctx.writeAndFlush(COMPOSER.bind(SMPPConstant.CID_BIND_TRANSCEIVER, sequences.next(), systemId, password, "",
                InterfaceVersion.IF_34.value(), TypeOfNumber.UNKNOWN.value(), NumberingPlanIndicator.UNKNOWN.value(),
                null));
        ctx.fireChannelActive();
    }

    /** Starts taking messages from the schedule; call once bound. */
    void startSubmitting() {
        ctx.executor().execute(() -> {
            if (submitting || !open) {
                return; // already (asked twice), or gone
            }
            submitting = true;
            tick = ctx.executor().scheduleAtFixedRate(this::fill, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    /** Sends unbind; the gateway's unbind_resp closes the connection. */
    void unbind() {
        ctx.executor().execute(() -> {
            submitting = false;
            if (open) {
                ctx.writeAndFlush(COMPOSER.unbind(sequences.next()));
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SubmitSmResp resp) {
            answered(resp.getSequenceNumber(), resp.getCommandStatus(), resp.getMessageId());
        } else if (msg instanceof GenericNack nack) {
            answered(nack.getSequenceNumber(), nack.getCommandStatus(), null);
        } else if (msg instanceof DeliverSm deliver) {
            onDeliverSm(ctx, deliver);
        } else if (msg instanceof EnquireLink link) {
            ctx.write(COMPOSER.enquireLinkResp(link.getSequenceNumber()));
        } else if (msg instanceof BindResp resp) {
            bound.complete(resp.getCommandStatus());
            if (resp.getCommandStatus() != SMPPConstant.STAT_ESME_ROK) {
                ctx.close();
            }
        } else if (msg instanceof Unbind unbind) {
            // as an ESME should: nothing more once the gateway asked to unbind, and the gateway closes the
            // connection (answers to submits that crossed its unbind still arrive); closed here only if it does not
            submitting = false;
            ctx.writeAndFlush(COMPOSER.unbindResp(SMPPConstant.STAT_ESME_ROK, unbind.getSequenceNumber()));
            ctx.executor().schedule(() -> ctx.close(), UNBIND_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        } else if (msg instanceof UnbindResp || msg instanceof InvalidFrame) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        fill();
        ctx.flush();
    }

    private void fill() {
        long now = System.nanoTime();
        while (submitting && open && inFlight.size() < window) {
            int n = schedule.next(now);
            if (n < 0) {
                break;
            }
            send(n);
        }
        outstanding = inFlight.size();
        ctx.flush();
    }

    private void send(int n) {
        int sequence = sequences.next();
        try {
            ctx.write(COMPOSER.submitSm(sequence, null, TypeOfNumber.UNKNOWN.value(),
                    NumberingPlanIndicator.UNKNOWN.value(), source, TypeOfNumber.INTERNATIONAL.value(),
                    NumberingPlanIndicator.ISDN.value(), destinations.apply(n), (byte) 0, (byte) 0,
                    (byte) 0, null, null, SMSCDeliveryReceipt.SUCCESS_FAILURE.value(), (byte) 0, (byte) 0, (byte) 0,
                    MessageMarker.text(ledger.marker(n))));
        } catch (PDUStringException e) {
            throw new IllegalStateException("scenario submit_sm not encodable", e);
        }
        inFlight.put(sequence, n);
        ledger.sent(n);
    }

    /** The default destination of message {@code n}: 4470 and seven digits. */
    static String destination(int n) {
        return "4470" + (1_000_000 + n % 1_000_000);
    }

    private void answered(int sequence, int status, String messageId) {
        Integer n = inFlight.remove(sequence);
        if (n == null) {
            return;
        }
        if (status == SMPPConstant.STAT_ESME_RTHROTTLED) {
            // "try again later" (over a rate, or the gateway is stopping): as an ESME does, send it again
            ledger.throttled(n);
            schedule.again(n);
        } else {
            ledger.answered(n, status, messageId);
        }
    }

    private void onDeliverSm(ChannelHandlerContext ctx, DeliverSm deliver) {
        ctx.write(COMPOSER.deliverSmResp(SMPPConstant.STAT_ESME_ROK, deliver.getSequenceNumber(), null));
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliver.getEsmClass())) {
            return;
        }
        OptionalParameter receipted = deliver.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        String id = receipted instanceof OptionalParameter.OctetString octets ? octets.getValueAsString()
                : idFromText(deliver.getShortMessage());
        if (id != null && !id.isEmpty()) {
            ledger.receipt(id, source.equals(deliver.getDestAddress()));
        }
    }

    /** The {@code id:} field of an SMPP 3.4 Appendix B receipt text. */
    private static String idFromText(byte[] shortMessage) {
        String text = shortMessage == null ? "" : new String(shortMessage, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("id:");
        if (start < 0) {
            return null;
        }
        int end = text.indexOf(' ', start);
        return end < 0 ? text.substring(start + 3) : text.substring(start + 3, end);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open = false;
        if (tick != null) {
            tick.cancel(false);
        }
        inFlight.values().forEach(ledger::unanswered);
        inFlight.clear();
        outstanding = 0;
        bound.complete(-1);
        closed.complete(null);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset when the gateway is killed is expected; channelInactive records the rest
    }
}
