package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.smpp.pdu.Pdus;
import io.edgegw.smpp.window.SequenceNumbers;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The life of a carrier bind's connection, as its {@link BindLifecycle} says: dial (through TLS when the endpoint says
 * so), bind, and on any loss go DOWN and dial again with backoff; unbind and stay away while an operator has the bind
 * disabled; unbind for good on close. Only one connection counts at a time: one that turns up after being disowned is
 * closed. Event loop only, except {@link #close()}.
 */
final class BindConnection {
    private static final Logger log = LoggerFactory.getLogger(BindConnection.class);
    /** TLS failures repeat on every reconnect until someone fixes a certificate: one line a minute per bind. */
    private static final OncePerMinute tlsWarnings = new OncePerMinute();
    /** How long a disabled or closing bind waits for unbind_resp before closing anyway. */
    static final int UNBIND_TIMEOUT_MILLIS = 1_000;
    private static final String DISABLED_REASON = "disabled by operator";

    private final SmppCarrierBind bind;
    private final CarrierConfig carrier;
    private final EndpointConfig endpoint;
    private final BindRole role;
    private final EventLoop loop;
    private final SequenceNumbers sequences;
    private final BindTraffic traffic;
    private final Backoff backoff;
    /** How long binding may take, and a TLS handshake before it. */
    private final long bindTimeoutMillis;
    private final Promise<Void> closed;
    private CarrierDialer dialer;

    /** The connection the latest connect() opened; any other that turns up is stale and closed. */
    private Channel opening;
    private ScheduledFuture<?> reconnectTimer;

    BindConnection(SmppCarrierBind bind, CarrierConfig carrier, EndpointConfig endpoint, BindRole role, EventLoop loop,
                   SequenceNumbers sequences, BindTraffic traffic) {
        this.bind = bind;
        this.carrier = carrier;
        this.endpoint = endpoint;
        this.role = role;
        this.loop = loop;
        this.sequences = sequences;
        this.traffic = traffic;
        this.backoff = new Backoff(carrier.reconnectDelayMillis(), carrier.reconnectMaxDelayMillis());
        this.bindTimeoutMillis = Math.max(carrier.responseTimeoutMillis(), 1_000);
        this.closed = loop.newPromise();
    }

    /** The pipeline's maker; set once, before {@link #connect()}. */
    void dialWith(CarrierDialer dialer) {
        this.dialer = dialer;
    }

    long bindTimeoutMillis() {
        return bindTimeoutMillis;
    }

    void opening(Channel ch) {
        opening = ch;
    }

    /** Unbinds politely if bound, closes, and completes once every in-flight submit has been reported; any thread. */
    io.netty.util.concurrent.Future<Void> close() {
        loop.execute(() -> {
            if (bind.lifecycle().closing()) {
                return;
            }
            cancelReconnect();
            if (traffic.channel() == null) {
                dropOpening(); // a connect or TLS handshake under way
                finish("closed");
            } else {
                end(BindLifecycle.CLOSING, "gateway closing");
            }
        });
        return closed;
    }

    void disable() {
        BindLifecycle now = bind.lifecycle();
        if (now.disabled() || now.closing()) {
            return;
        }
        cancelReconnect();
        if (traffic.channel() == null) {
            dropOpening();
            bind.moveTo(BindLifecycle.DISABLED, DISABLED_REASON);
        } else {
            end(BindLifecycle.DISABLING, DISABLED_REASON);
        }
    }

    /** Ends the live connection on the way to {@code next}: an unbind first when bound, else at once. */
    private void end(BindLifecycle next, String reason) {
        Channel ch = traffic.channel();
        boolean bound = bind.lifecycle() == BindLifecycle.BOUND;
        bind.moveTo(next, reason);
        if (bound) {
            ch.writeAndFlush(Pdus.unbind(sequences.next()));
            loop.schedule(() -> ch.close(), UNBIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ch.close();
        }
    }

    void enable() {
        if (!bind.lifecycle().disabled()) {
            return;
        }
        backoff.reset();
        cancelReconnect();
        if (traffic.channel() == null) {
            dial();
        } else { // still unbinding: disconnected() dials again once the old connection is gone
            bind.moveTo(BindLifecycle.UNBINDING, "enabled by operator");
        }
    }

    /** The carrier asked to unbind; the connection ends once the answer is written, then the bind dials again. */
    void unbindRequested() {
        BindLifecycle now = bind.lifecycle();
        if (now == BindLifecycle.BOUND || now == BindLifecycle.BINDING) {
            bind.moveTo(BindLifecycle.UNBINDING, "carrier sent unbind");
        }
    }

    /** A connect (or TLS handshake) under way is disowned, so neither its success nor its failure counts. */
    private void dropOpening() {
        if (opening != null) {
            opening.close();
            opening = null;
        }
    }

    private void cancelReconnect() {
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
            reconnectTimer = null;
        }
    }

    /** Dials, at start and after a backoff, unless closing or disabled meanwhile. */
    void connect() {
        reconnectTimer = null;
        BindLifecycle now = bind.lifecycle();
        if (now.closing()) {
            finish("closed");
        } else if (!now.disabled()) {
            dial();
        }
    }

    private void dial() {
        traffic.reset();
        bind.moveTo(BindLifecycle.CONNECTING, "connecting to " + endpoint + (endpoint.tls() ? " over TLS" : ""));
        ChannelFuture f = dialer.dial();
        f.addListener(done -> {
            if (!done.isSuccess() && opening == f.channel()) {
                bind.moveTo(BindLifecycle.BACKING_OFF, "connect failed: " + done.cause().getMessage());
                reconnectLater();
            }
        });
    }

    /** Connected, and through the TLS handshake when there is one: the SMSC is who it should be. */
    void connected(Channel ch) {
        if (bind.lifecycle() != BindLifecycle.CONNECTING || ch != opening) {
            ch.close();
            return;
        }
        traffic.opened(ch);
        bind.moveTo(BindLifecycle.BINDING, "connected");
        try {
            ch.writeAndFlush(Pdus.bind(role.bindCommandId(), sequences.next(), carrier.systemId(),
                    carrier.password(), carrier.systemType()));
        } catch (PDUStringException e) {
            log.error("carrier bind {}: cannot bind, configured credentials break SMPP limits: {}", bind.name(),
                    e.getMessage());
            ch.close();
            return;
        }
        loop.schedule(() -> {
            if (traffic.channel() == ch && bind.lifecycle() == BindLifecycle.BINDING) {
                log.warn("carrier bind {}: no bind_resp within {} ms", bind.name(), bindTimeoutMillis);
                ch.close();
            }
        }, bindTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The TLS handshake failed (an untrusted or misnamed certificate, say): nothing was sent; the connection closes. */
    void tlsFailed(String reason) {
        if (tlsWarnings.allow(bind.name())) {
            log.warn("carrier bind {}: TLS handshake with {} failed, nothing sent; retrying with backoff: {}",
                    bind.name(), endpoint, reason);
        }
    }

    void bindAnswered(int status) {
        if (bind.lifecycle() != BindLifecycle.BINDING) {
            return;
        }
        if (status == SMPPConstant.STAT_ESME_ROK) {
            backoff.reset();
            bind.moveTo(BindLifecycle.BOUND, "bound");
        } else {
            bind.moveTo(BindLifecycle.BACKING_OFF, "bind refused, status 0x" + Integer.toHexString(status));
            traffic.channel().close();
        }
    }

    void disconnected(Channel ch, String reason) {
        boolean live = traffic.channel() == ch;
        if (!live && ch != opening) {
            return; // a stale connection, already disowned
        }
        opening = null;
        if (live) {
            traffic.closed();
        }
        BindLifecycle now = bind.lifecycle();
        if (now.closing()) {
            finish(reason);
        } else if (now.disabled()) {
            bind.moveTo(BindLifecycle.DISABLED, DISABLED_REASON);
        } else {
            bind.moveTo(BindLifecycle.BACKING_OFF, reason);
            reconnectLater();
        }
    }

    private void reconnectLater() {
        long delay = backoff.nextDelayMillis();
        log.info("carrier bind {}: reconnecting in {} ms", bind.name(), delay);
        reconnectTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** The last step of closing: what is in flight reported, the bind unregistered; once. */
    private void finish(String reason) {
        if (bind.lifecycle() != BindLifecycle.CLOSED) {
            traffic.reportUnanswered();
            bind.moveTo(BindLifecycle.CLOSED, reason);
            bind.unregister();
        }
        closed.trySuccess(null);
    }
}
