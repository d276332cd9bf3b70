package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.spi.BindState;
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
 * The life of a carrier bind's connection: dial (through TLS when the endpoint says so), bind, and on any loss go
 * DOWN and dial again with backoff; unbind and stay away while an operator has the bind disabled; unbind for good on
 * close. Only one connection counts at a time: one that turns up after being disowned is closed. Event loop only,
 * except {@link #close()}.
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
    private volatile boolean closing;
    private boolean unregistered;
    /** Operator switch. */
    private boolean disabled;
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

    /** True once {@link #close()} was called; any thread. */
    boolean closing() {
        return closing;
    }

    /** Unbinds politely if bound, closes, and completes once every in-flight submit has been reported; any thread. */
    io.netty.util.concurrent.Future<Void> close() {
        closing = true;
        loop.execute(() -> {
            Channel ch = traffic.channel();
            if (ch == null) {
                dropOpening(); // a connect or TLS handshake under way
                finish();
            } else if (bind.state() == BindState.BOUND) {
                bind.setState(BindState.UNBINDING, "gateway closing");
                ch.writeAndFlush(Pdus.unbind(sequences.next()));
                loop.schedule(() -> ch.close(), UNBIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                ch.close();
            }
        });
        return closed;
    }

    void disable() {
        if (disabled || closing) {
            return;
        }
        disabled = true;
        cancelReconnect();
        Channel ch = traffic.channel();
        if (ch == null) {
            dropOpening();
            bind.setState(BindState.DISABLED, DISABLED_REASON);
        } else if (bind.state() == BindState.BOUND) {
            bind.setState(BindState.UNBINDING, DISABLED_REASON);
            ch.writeAndFlush(Pdus.unbind(sequences.next()));
            loop.schedule(() -> ch.close(), UNBIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ch.close();
        }
    }

    void enable() {
        if (!disabled || closing) {
            return;
        }
        disabled = false;
        backoff.reset();
        cancelReconnect();
        if (traffic.channel() == null) {
            connect();
        }
        // else still unbinding: disconnected() reconnects once the old connection is gone
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

    void connect() {
        reconnectTimer = null;
        if (closing) {
            finish();
            return;
        }
        if (disabled) {
            return;
        }
        traffic.reset();
        bind.setState(BindState.CONNECTING, "connecting to " + endpoint + (endpoint.tls() ? " over TLS" : ""));
        ChannelFuture f = dialer.dial();
        f.addListener(done -> {
            if (!done.isSuccess() && opening == f.channel()) {
                bind.setState(BindState.DOWN, "connect failed: " + done.cause().getMessage());
                reconnectLater();
            }
        });
    }

    /** Connected, and through the TLS handshake when there is one: the SMSC is who it should be. */
    void connected(Channel ch) {
        if (closing || disabled || ch != opening) {
            ch.close();
            return;
        }
        traffic.opened(ch);
        bind.setState(BindState.BINDING, "connected");
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
            if (traffic.channel() == ch && bind.state() == BindState.BINDING) {
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
        if (bind.state() != BindState.BINDING) {
            return;
        }
        if (status == SMPPConstant.STAT_ESME_ROK) {
            backoff.reset();
            bind.setState(BindState.BOUND, "bound");
        } else {
            bind.setState(BindState.DOWN, "bind refused, status 0x" + Integer.toHexString(status));
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
        if (closing) {
            bind.setState(BindState.DOWN, reason);
            finish();
        } else if (disabled) {
            bind.setState(BindState.DISABLED, DISABLED_REASON);
        } else {
            bind.setState(BindState.DOWN, reason);
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
        log.info("carrier bind {}: reconnecting in {} ms", bind.name(), delay);
        reconnectTimer = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void finish() {
        if (!unregistered) {
            unregistered = true;
            traffic.reportUnanswered();
            bind.setState(BindState.DOWN, "closed");
            bind.unregister();
        }
        closed.trySuccess(null);
    }
}
