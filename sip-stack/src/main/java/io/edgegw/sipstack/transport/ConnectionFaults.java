package io.edgegw.sipstack.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Last in a stream pipeline: every reason the transport closes a connection arrives here (a {@link Fault}, an idle
 * event, a failed TLS handshake, an I/O error), is counted once, logged at most once a minute per source address,
 * and the connection is closed. A peer's bad framing gets no SIP answer: answering needs a parsed request. When
 * the framing is lost (oversize, no usable Content-Length), the messages framed before it were whole and their
 * answers are still on their way from the workers: the connection stops reading and closes after a short linger.
 */
final class ConnectionFaults extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFaults.class);

    private static final int MAX_DETAIL = 160;
    /** Long enough for a worker to answer what came before the bad bytes, short enough to hold no connection long. */
    static final Duration FRAMING_LINGER = Duration.ofSeconds(2);

    private final Transport transport;
    private final TransportCounters counters;
    private final OncePerMinute logGate;
    private boolean closing;

    ConnectionFaults(Transport transport, TransportCounters counters, OncePerMinute logGate) {
        this.transport = transport;
        this.counters = counters;
        this.logGate = logGate;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof Fault fault) {
            boolean framingLost = fault.reason() == CloseReason.OVERSIZE
                    || fault.reason() == CloseReason.BAD_CONTENT_LENGTH;
            close(ctx, fault.reason(), fault.detail(), framingLost);
        } else if (evt instanceof IdleStateEvent) {
            close(ctx, CloseReason.IDLE, "idle", false);
        } else if (evt instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            close(ctx, CloseReason.TLS_HANDSHAKE, "TLS handshake failed: " + handshake.cause().getMessage(), false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof SSLException) {
            close(ctx, CloseReason.TLS_HANDSHAKE, "TLS: " + root.getMessage(), false);
        } else if (root instanceof IOException) {
            close(ctx, CloseReason.IO_ERROR, root.getMessage(), false);
        } else {
            if (logGate.allow(StreamPeer.of(ctx.channel()) + "/bug")) {
                LOG.warn("SIP over {} with {}: unexpected error, connection closed", transport,
                        StreamPeer.of(ctx.channel()), root);
            }
            close(ctx, CloseReason.IO_ERROR, root.toString(), false);
        }
    }

    private void close(ChannelHandlerContext ctx, CloseReason reason, String fullDetail, boolean linger) {
        // some causes quote the peer's bytes (a plaintext hello to the TLS port): a log line is no hex dump
        String detail = fullDetail == null || fullDetail.length() <= MAX_DETAIL ? fullDetail
                : fullDetail.substring(0, MAX_DETAIL) + "...";
        if (closing) {
            return; // one count and one line per connection, whatever else fails while it closes
        }
        closing = true;
        counters.closed(reason);
        Object source = StreamPeer.of(ctx.channel());
        Object sourceKey = source instanceof InetSocketAddress address ? address.getAddress() : source;
        if (reason != CloseReason.IDLE && reason != CloseReason.IO_ERROR && logGate.allow(sourceKey)) {
            LOG.warn("SIP over {} with {}: {}; connection closed ({}; logged once a minute per address)",
                    transport, source, detail, reason);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("SIP over {} with {}: {}; connection closed ({})", transport, source, detail, reason);
        }
        if (linger && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(false); // the framer discards the rest anyway: let TCP push back
            ctx.executor().schedule(() -> ctx.close(), FRAMING_LINGER.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            ctx.close();
        }
    }
}
