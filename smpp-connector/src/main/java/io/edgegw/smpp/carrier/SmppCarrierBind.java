package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.CarrierBindListener;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.smpp.tls.TlsContexts;
import io.edgegw.smpp.tls.TlsFiles;
import io.edgegw.smpp.window.SequenceNumbers;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bind to one endpoint of a carrier, kept up for the gateway's life: connect (through TLS when the endpoint says
 * so), bind, keep alive, and on any loss report what was in flight, go DOWN and reconnect with backoff (its
 * {@link BindLifecycle}). Its
 * {@link BindRole} says which bind PDU it sends; a receiver bind takes no submits, only deliveries. An operator may
 * disable it: it unbinds and stays DISABLED, still registered, until enabled again.
 *
 * <p>This class is what the core sees: the bind's name and state. The connection's life is {@link BindConnection}'s,
 * the pipeline {@link CarrierDialer}'s, the submits and their window {@link BindTraffic}'s.
 *
 * <p>Threading: every state change happens on this bind's own event loop. The core's dispatcher thread calls
 * {@link #offer} and {@link #flush}, which only read volatile fields, claim a window slot by CAS and write to the
 * channel (Netty hands the write to the event loop through its lock-free task queue).
 */
public final class SmppCarrierBind implements CarrierBind {
    private static final Logger log = LoggerFactory.getLogger(SmppCarrierBind.class);
    /** How long a closing (or disabled) bind waits for unbind_resp before it closes the connection anyway. */
    public static final int UNBIND_TIMEOUT_MILLIS = BindConnection.UNBIND_TIMEOUT_MILLIS;

    private final GatewayContext context;
    private final CarrierConfig carrier;
    private final String name;
    private final BindRole role;
    private final EventLoop loop;
    private final BindTraffic traffic;
    private final BindConnection connection;

    private volatile BindLifecycle lifecycle = BindLifecycle.NOT_STARTED;
    private volatile long stateSince = System.currentTimeMillis();
    private volatile String stateReason = "not started";

    /** A bind carrying submits, as the carrier's {@code bindType} says. */
    public SmppCarrierBind(GatewayContext context, CarrierConfig carrier, EndpointConfig endpoint, int number,
                           EventLoop loop) {
        this(context, carrier, endpoint, number, BindRole.submitting(carrier.bindType()), loop);
    }

    /** Reading the carrier's TLS files itself when the endpoint is TLS (not kept current: a bind on its own). */
    public SmppCarrierBind(GatewayContext context, CarrierConfig carrier, EndpointConfig endpoint, int number,
                           BindRole role, EventLoop loop) {
        this(context, carrier, endpoint, number, role,
                endpoint.tls() ? TlsContexts.carrier("carrier " + carrier.id(), carrier.tls()) : null, loop);
    }

    /** @param tls the carrier's TLS files, shared by its binds and kept current; null when no endpoint is TLS */
    public SmppCarrierBind(GatewayContext context, CarrierConfig carrier, EndpointConfig endpoint, int number,
                           BindRole role, TlsFiles tls, EventLoop loop) {
        this.context = context;
        this.carrier = carrier;
        this.role = role;
        this.name = carrier.id() + "/" + endpoint + (role.submits() ? "#" : "#rx") + number;
        this.loop = loop;
        SequenceNumbers sequences = new SequenceNumbers();
        this.traffic = new BindTraffic(this, carrier.window(), sequences, carrier.responseTimeoutMillis(),
                carrier.maxValiditySeconds(), carrier.longMessages(), carrier.defaultAlphabet());
        this.connection = new BindConnection(this, carrier, endpoint, role, loop, sequences, traffic);
        connection.dialWith(new CarrierDialer(this, carrier, endpoint, tls, loop, sequences,
                stalledPeerMillis(context), connection.bindTimeoutMillis(), connection::opening));
    }

    /** Registers with the core and starts connecting; returns at once. */
    public void start() {
        context.registerCarrierBind(this);
        loop.execute(connection::connect);
    }

    @Override
    public String carrierId() {
        return carrier.id();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BindState state() {
        return lifecycle.reported();
    }

    /** Where it is in its life; any thread. */
    BindLifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public long stateSinceMillis() {
        return stateSince;
    }

    @Override
    public String stateReason() {
        return stateReason;
    }

    public BindRole role() {
        return role;
    }

    @Override
    public boolean isReady() {
        return role.submits() && lifecycle == BindLifecycle.BOUND;
    }

    @Override
    public int availableWindow() {
        return isReady() ? traffic.available() : 0;
    }

    /** Bytes queued toward the carrier and not yet taken by the socket; any thread. */
    public long pendingOutboundBytes() {
        return traffic.pendingOutboundBytes();
    }

    private static long stalledPeerMillis(GatewayContext context) {
        SmppServerConfig smpp = context.config().smpp();
        return (smpp == null ? SmppServerConfig.DEFAULT_STALLED_PEER_SECONDS : smpp.stalledPeerSeconds()) * 1000L;
    }

    /** Dispatcher thread only. */
    @Override
    public boolean offer(OutboundSubmit submit) {
        return isReady() && traffic.offer(submit);
    }

    /** Dispatcher thread only. */
    @Override
    public void flush() {
        traffic.flush();
    }

    /**
     * Operator switch, any thread: disabling unbinds (in-flight submits reported unanswered) and stays
     * {@link BindState#DISABLED} without reconnecting; enabling connects at once with a fresh backoff.
     */
    @Override
    public void setEnabled(boolean enabled) {
        loop.execute(enabled ? connection::enable : connection::disable);
    }

    /** Unbinds politely if bound, closes, and completes once every in-flight submit has been reported. */
    public io.netty.util.concurrent.Future<Void> close() {
        return connection.close();
    }

    // ---- what the connection's handler reports, on the event loop ----

    void connected(Channel ch) {
        connection.connected(ch);
    }

    void tlsFailed(String reason) {
        connection.tlsFailed(reason);
    }

    void bindAnswered(int status) {
        connection.bindAnswered(status);
    }

    void submitAnswered(int sequence, int status, String carrierMessageId) {
        traffic.answered(sequence, status, carrierMessageId);
    }

    /**
     * @return false when the core cannot take it now, or the gateway is closing this bind: its deliver_sm_resp might
     *         not get out before the connection closes, so the carrier keeps the receipt and sends it again later
     */
    boolean delivered(CarrierDelivery delivery, CarrierDeliveryAcks acks, int sequence) {
        return !lifecycle.closing() && listener().deliverReceived(this, delivery, acks, sequence);
    }

    void unbindRequested() {
        connection.unbindRequested();
    }

    void disconnected(Channel ch, String reason) {
        connection.disconnected(ch, reason);
    }

    /**
     * Moves it on in its life (event loop only). The core hears of it, and the reason and time are kept, only when
     * what it reports changes: a bind refused stays DOWN "bind refused" through its backoff.
     */
    void moveTo(BindLifecycle to, String reason) {
        BindLifecycle was = lifecycle;
        if (was == to) {
            return;
        }
        lifecycle = to;
        BindState from = was.reported();
        BindState now = to.reported();
        if (from == now) {
            return;
        }
        stateReason = reason;
        stateSince = System.currentTimeMillis();
        log.info("carrier bind {}: {} -> {} ({})", name, from, now, reason);
        listener().bindStateChanged(this, from, now, reason);
    }

    /** The last step of closing, once every in-flight submit has been reported. */
    void unregister() {
        context.unregisterCarrierBind(this);
    }

    CarrierBindListener listener() {
        return context.carrierListener();
    }

    @Override
    public String toString() {
        return name;
    }
}
