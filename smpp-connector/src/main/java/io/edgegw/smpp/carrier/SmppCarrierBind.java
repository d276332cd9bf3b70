package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.CarrierBindListener;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.smpp.codec.SmppCodec;
import io.edgegw.smpp.guard.PduSizeEstimator;
import io.edgegw.smpp.guard.WritabilityGuard;
import io.edgegw.smpp.keepalive.EnquireLinkKeepalive;
import io.edgegw.smpp.pdu.Pdus;
import io.edgegw.smpp.window.SequenceNumbers;
import io.edgegw.smpp.window.Window;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * One bind to one endpoint of a carrier, kept up for the gateway's life: connect, bind, keep alive, and on any loss
 * report what was in flight, go DOWN and reconnect with backoff. Its {@link BindRole} says which bind PDU it sends;
 * a receiver bind takes no submits, only deliveries. An operator may disable it: it unbinds and stays DISABLED,
 * still registered, until enabled again.
 *
 * <p>Threading: every state change happens on this bind's own event loop. The core's dispatcher thread calls
 * {@link #offer} and {@link #flush}, which only read volatile fields, claim a {@link Window} slot by CAS and write
 * to the channel (Netty hands the write to the event loop through its lock-free task queue).
 */
public final class SmppCarrierBind implements CarrierBind {
    private static final Logger log = LoggerFactory.getLogger(SmppCarrierBind.class);
    private static final int MAX_PDU_BYTES = SmppCodec.DEFAULT_MAX_PDU_BYTES;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** How long a disabled bind waits for unbind_resp before closing anyway. */
    private static final int UNBIND_TIMEOUT_MILLIS = 1_000;
    private static final String DISABLED_REASON = "disabled by operator";

    private final GatewayContext context;
    private final CarrierConfig carrier;
    private final EndpointConfig endpoint;
    private final String name;
    private final BindRole role;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SequenceNumbers sequences = new SequenceNumbers();
    private final Backoff backoff;
    private final long timeoutNanos;
    private final Promise<Void> closed;

    private volatile BindState state = BindState.DOWN;
    private volatile long stateSince = System.currentTimeMillis();
    private volatile String stateReason = "not started";
    private volatile Channel channel;
    /** The connection the latest connect() opened; any other that turns up is stale and closed. Event loop only. */
    private Channel opening;
    private volatile Window<OutboundSubmit> window;
    private volatile boolean closing;
    private boolean unregistered;
    /** Operator switch; event loop only. */
    private boolean disabled;
    private ScheduledFuture<?> sweepTimer;
    private ScheduledFuture<?> reconnectTimer;

    /** A bind carrying submits, as the carrier's {@code bindType} says. */
    public SmppCarrierBind(GatewayContext context, CarrierConfig carrier, EndpointConfig endpoint, int number,
                           EventLoop loop) {
        this(context, carrier, endpoint, number, BindRole.submitting(carrier.bindType()), loop);
    }

    public SmppCarrierBind(GatewayContext context, CarrierConfig carrier, EndpointConfig endpoint, int number,
                           BindRole role, EventLoop loop) {
        this.context = context;
        this.carrier = carrier;
        this.endpoint = endpoint;
        this.role = role;
        this.name = carrier.id() + "/" + endpoint + (role.submits() ? "#" : "#rx") + number;
        this.loop = loop;
        this.backoff = new Backoff(carrier.reconnectDelayMillis(), carrier.reconnectMaxDelayMillis());
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(carrier.responseTimeoutMillis());
        this.window = new Window<>(Math.max(1, carrier.window()), sequences);
        this.closed = loop.newPromise();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true) // windowed SMPP stalls 40 ms per round under Nagle
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                // a carrier that stops reading holds at most the water mark of our memory, then is cut off
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WritabilityGuard.WATER_MARK)
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, PduSizeEstimator.INSTANCE)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        opening = ch; // before connecting, so even a connect completing at once is recognised
                        ChannelPipeline p = ch.pipeline();
                        SmppCodec.install(p, MAX_PDU_BYTES);
                        p.addLast("flow", new WritabilityGuard(stalledPeerMillis(context), () -> "carrier bind " + name,
                                () -> { }));
                        p.addLast("idle", new IdleStateHandler(carrier.enquireLinkSeconds(), 0, 0));
                        p.addLast("keepalive", new EnquireLinkKeepalive(sequences, carrier.responseTimeoutMillis(),
                                () -> "carrier bind " + name));
                        p.addLast("session", new CarrierBindHandler(SmppCarrierBind.this, ch));
                    }
                });
    }

    /** Registers with the core and starts connecting; returns at once. */
    public void start() {
        context.registerCarrierBind(this);
        loop.execute(this::connect);
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
        return state;
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
        return role.submits() && state == BindState.BOUND;
    }

    @Override
    public int availableWindow() {
        Channel ch = channel;
        return isReady() && ch != null && ch.isWritable() ? window.available() : 0;
    }

    /** Bytes queued toward the carrier and not yet taken by the socket; any thread. */
    public long pendingOutboundBytes() {
        Channel ch = channel;
        return ch == null ? 0 : WritabilityGuard.pendingOutboundBytes(ch);
    }

    private static long stalledPeerMillis(GatewayContext context) {
        SmppServerConfig smpp = context.config().smpp();
        return (smpp == null ? SmppServerConfig.DEFAULT_STALLED_PEER_SECONDS : smpp.stalledPeerSeconds()) * 1000L;
    }

    /** Dispatcher thread only. */
    @Override
    public boolean offer(OutboundSubmit submit) {
        Channel ch = channel;
        Window<OutboundSubmit> w = window;
        if (!isReady() || ch == null || !ch.isWritable()) {
            return false; // not reading what we already sent: nothing more until it does
        }
        int sequence = w.offer(submit, System.nanoTime() + timeoutNanos);
        if (sequence < 0) {
            return false;
        }
        byte[] pdu;
        try {
            pdu = Pdus.submitSm(sequence, submit.message());
        } catch (PDUStringException e) {
            // A field SMPP cannot carry: answer as the carrier would have, instead of re-offering it forever.
            if (w.complete(sequence) != null) {
                listener().submitResponded(this, submit, e.getErrorCode(), null);
            }
            return true;
        }
        ch.write(pdu, ch.voidPromise());
        return true;
    }

    /** Dispatcher thread only. */
    @Override
    public void flush() {
        Channel ch = channel;
        if (ch != null) {
            ch.flush();
        }
    }

    /**
     * Operator switch, any thread: disabling unbinds (in-flight submits reported unanswered) and stays
     * {@link BindState#DISABLED} without reconnecting; enabling connects at once with a fresh backoff.
     */
    @Override
    public void setEnabled(boolean enabled) {
        loop.execute(() -> {
            if (enabled) {
                enable();
            } else {
                disable();
            }
        });
    }

    /** Unbinds politely if bound, closes, and completes once every in-flight submit has been reported. */
    public io.netty.util.concurrent.Future<Void> close() {
        closing = true;
        loop.execute(() -> {
            Channel ch = channel;
            if (ch == null) {
                finish();
            } else if (state == BindState.BOUND) {
                setState(BindState.UNBINDING, "gateway closing");
                ch.writeAndFlush(Pdus.unbind(sequences.next()));
                loop.schedule(() -> ch.close(), carrier.responseTimeoutMillis(), TimeUnit.MILLISECONDS);
            } else {
                ch.close();
            }
        });
        return closed;
    }

    // ---- event loop from here on ----

    private void disable() {
        if (disabled || closing) {
            return;
        }
        disabled = true;
        cancelReconnect();
        Channel ch = channel;
        if (ch == null) {
            if (opening != null) {
                opening.close(); // a connect under way; disowned, so neither its success nor failure counts
                opening = null;
            }
            setState(BindState.DISABLED, DISABLED_REASON);
        } else if (state == BindState.BOUND) {
            setState(BindState.UNBINDING, DISABLED_REASON);
            ch.writeAndFlush(Pdus.unbind(sequences.next()));
            loop.schedule(() -> ch.close(), UNBIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ch.close();
        }
    }

    private void enable() {
        if (!disabled || closing) {
            return;
        }
        disabled = false;
        backoff.reset();
        cancelReconnect();
        if (channel == null) {
            connect();
        }
        // else still unbinding: disconnected() reconnects once the old connection is gone
    }

    private void cancelReconnect() {
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
            reconnectTimer = null;
        }
    }

    private void connect() {
        reconnectTimer = null;
        if (closing) {
            finish();
            return;
        }
        if (disabled) {
            return;
        }
        window = new Window<>(Math.max(1, carrier.window()), sequences);
        setState(BindState.CONNECTING, "connecting to " + endpoint);
        ChannelFuture f = bootstrap.connect(endpoint.host(), endpoint.port());
        f.addListener(done -> {
            if (!done.isSuccess() && opening == f.channel()) {
                setState(BindState.DOWN, "connect failed: " + done.cause().getMessage());
                reconnectLater();
            }
        });
    }

    void connected(Channel ch) {
        if (closing || disabled || ch != opening) {
            ch.close();
            return;
        }
        channel = ch;
        setState(BindState.BINDING, "connected");
        try {
            ch.writeAndFlush(Pdus.bind(role.bindCommandId(), sequences.next(), carrier.systemId(),
                    carrier.password(), carrier.systemType()));
        } catch (PDUStringException e) {
            log.error("carrier bind {}: cannot bind, configured credentials break SMPP limits: {}", name,
                    e.getMessage());
            ch.close();
            return;
        }
        long bindTimeout = Math.max(carrier.responseTimeoutMillis(), 1_000);
        loop.schedule(() -> {
            if (channel == ch && state == BindState.BINDING) {
                log.warn("carrier bind {}: no bind_resp within {} ms", name, bindTimeout);
                ch.close();
            }
        }, bindTimeout, TimeUnit.MILLISECONDS);
        long period = Math.max(20, Math.min(1000, carrier.responseTimeoutMillis() / 4));
        Window<OutboundSubmit> w = window;
        sweepTimer = loop.scheduleAtFixedRate(() -> w.sweep(System.nanoTime(),
                e -> listener().submitUnanswered(this, e.request())), period, period, TimeUnit.MILLISECONDS);
    }

    void bindAnswered(int status) {
        if (state != BindState.BINDING) {
            return;
        }
        if (status == SMPPConstant.STAT_ESME_ROK) {
            backoff.reset();
            setState(BindState.BOUND, "bound");
        } else {
            setState(BindState.DOWN, "bind refused, status 0x" + Integer.toHexString(status));
            channel.close();
        }
    }

    void submitAnswered(int sequence, int status, String carrierMessageId) {
        Window.Entry<OutboundSubmit> entry = window.complete(sequence);
        if (entry != null) {
            listener().submitResponded(this, entry.request(), status,
                    status == SMPPConstant.STAT_ESME_ROK ? carrierMessageId : null);
        }
    }

    /** @return false when the core cannot take it now */
    boolean delivered(CarrierDelivery delivery, CarrierDeliveryAcks acks, int sequence) {
        return listener().deliverReceived(this, delivery, acks, sequence);
    }

    void unbindRequested() {
        setState(BindState.UNBINDING, "carrier sent unbind");
    }

    void disconnected(Channel ch, String reason) {
        if (channel != ch) {
            return;
        }
        channel = null;
        if (sweepTimer != null) {
            sweepTimer.cancel(false);
        }
        for (Window.Entry<OutboundSubmit> entry : window.drain()) {
            listener().submitUnanswered(this, entry.request());
        }
        if (closing) {
            setState(BindState.DOWN, reason);
            finish();
        } else if (disabled) {
            setState(BindState.DISABLED, DISABLED_REASON);
        } else {
            setState(BindState.DOWN, reason);
            reconnectLater();
        }
    }

    private void reconnectLater() {
        if (closing) {
            finish();
            return;
        }
        if (disabled) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        log.info("carrier bind {}: reconnecting in {} ms", name, delay);
        reconnectTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void finish() {
        if (!unregistered) {
            unregistered = true;
            window.drain().forEach(e -> listener().submitUnanswered(this, e.request()));
            setState(BindState.DOWN, "closed");
            context.unregisterCarrierBind(this);
        }
        closed.trySuccess(null);
    }

    private void setState(BindState to, String reason) {
        BindState from = state;
        if (from == to) {
            return;
        }
        stateReason = reason;
        stateSince = System.currentTimeMillis();
        state = to;
        log.info("carrier bind {}: {} -> {} ({})", name, from, to, reason);
        listener().bindStateChanged(this, from, to, reason);
    }

    private CarrierBindListener listener() {
        return context.carrierListener();
    }

    @Override
    public String toString() {
        return name;
    }
}
