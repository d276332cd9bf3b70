package io.edgegw.core.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One admin connection's requests, answered one at a time and in order. A request has the request timeout from its
 * first byte to its last (else 408 and closed); while it is answered the socket is not read, so a pipelining client
 * waits in its own buffers. Once the answer is written the connection is idle again (kept alive when asked).
 * Runs on the connection's event loop; answers made on other threads are handed back to it. Known gap: the start
 * of a next request that came in the same read as a whole one sits in the codec without starting its clock; such a
 * connection counts as idle, so it makes way for newcomers and is closed by the idle timeout.
 */
final class AdminExchange extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AdminExchange.class);
    /** Requests already decoded from one read while another is answered; a client sending more is cut off. */
    private static final int MAX_PIPELINED = 4;

    private enum State { IDLE, RECEIVING, ANSWERING }

    private record Pending(AdminRequest request, HttpVersion version, boolean keepAlive) {
    }

    private final AdminRoutes routes;
    private final ConnectionSlots slots;
    private final ClientWarnings warnings;
    private final Duration requestTimeout;
    private final ArrayDeque<Pending> pipelined = new ArrayDeque<>();
    private State state = State.IDLE;
    private ScheduledFuture<?> deadline;

    AdminExchange(AdminRoutes routes, ConnectionSlots slots, ClientWarnings warnings, Duration requestTimeout) {
        this.routes = routes;
        this.slots = slots;
        this.warnings = warnings;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == RequestStart.BYTES) {
            if (state == State.IDLE) {
                state = State.RECEIVING;
                slots.busy(ctx.channel());
                deadline = ctx.executor().schedule(() -> timedOut(ctx), requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } else if (event instanceof IdleStateEvent) {
            LOG.debug("admin: closing a connection from {} idle for a while", ClientWarnings.address(ctx.channel()));
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Pending p;
        try {
            if (!(msg instanceof FullHttpRequest req)) {
                return; // the aggregator hands on whole requests only
            }
            if (req.decoderResult().isFailure()) {
                malformed(ctx, req.decoderResult().cause());
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            p = new Pending(new AdminRequest(req.method().name(), uri.rawPath(),
                    req.headers().get(HttpHeaderNames.AUTHORIZATION), ClientWarnings.address(ctx.channel()),
                    uri.parameters()),
                    req.protocolVersion(), HttpUtil.isKeepAlive(req));
        } finally {
            ReferenceCountUtil.release(msg);
        }
        cancelDeadline();
        if (state == State.ANSWERING) {
            if (pipelined.size() >= MAX_PIPELINED) {
                ctx.close();
            } else {
                pipelined.add(p);
            }
            return;
        }
        answer(ctx, p);
    }

    private void answer(ChannelHandlerContext ctx, Pending p) {
        state = State.ANSWERING;
        slots.busy(ctx.channel());
        ctx.channel().config().setAutoRead(false);
        Executor loop = backOnLoop(ctx);
        CompletableFuture<AdminReply> reply;
        try {
            reply = routes.answer(p.request(), loop);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenCompleteAsync((r, failure) -> {
            if (failure != null) {
                LOG.warn("admin: {} {} failed", p.request().method(), p.request().path(), failure);
                r = AdminReply.text(500, "internal error");
            }
            write(ctx, r, p);
        }, loop);
    }

    /**
     * The connection's event loop for answers finished elsewhere. Once the server is closing the loop refuses tasks;
     * the answer is then dropped (its connection is going) rather than thrown into whichever thread, e.g. the
     * dispatcher's, completed the future.
     */
    private static Executor backOnLoop(ChannelHandlerContext ctx) {
        return task -> {
            try {
                ctx.executor().execute(task);
            } catch (RejectedExecutionException closing) {
                LOG.debug("admin: an answer was dropped: the admin server is closing");
            }
        };
    }

    private void write(ChannelHandlerContext ctx, AdminReply r, Pending p) {
        if (!ctx.channel().isActive()) {
            return;
        }
        FullHttpResponse res = response(p.version(), r.status(), r.contentType(), r.body(), r.headers());
        HttpUtil.setKeepAlive(res, p.keepAlive());
        ctx.writeAndFlush(res).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() || !p.keepAlive()) {
                ctx.close();
                return;
            }
            Pending next = pipelined.poll();
            if (next != null) {
                answer(ctx, next);
                return;
            }
            state = State.IDLE;
            slots.idle(ctx.channel());
            ctx.channel().config().setAutoRead(true);
        });
    }

    /** The codec could not read the request (and skips the rest of the connection): a protocol answer, then closed. */
    private void malformed(ChannelHandlerContext ctx, Throwable cause) {
        cancelDeadline();
        int status = cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String why = status == 414 ? "request line too long" : status == 431 ? "request headers too long"
                : "malformed request (" + ClientWarnings.printable(String.valueOf(cause.getMessage())) + ")";
        if (state == State.ANSWERING) { // pipelined behind a request still being answered: no answer can go first
            warnings.warn("malformed", ctx.channel(), why + " pipelined: closed");
            ctx.close();
            return;
        }
        warnings.warn("malformed", ctx.channel(), why + ": answered " + status);
        close(ctx, status, why);
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (state != State.RECEIVING) {
            return;
        }
        warnings.warn("slow", ctx.channel(), "request not complete within " + requestTimeout.toMillis()
                + " ms: answered 408 and closed");
        close(ctx, 408, "request not complete in time");
    }

    private void close(ChannelHandlerContext ctx, int status, String why) {
        state = State.ANSWERING; // nothing more is read or answered on this connection
        FullHttpResponse res = response(HttpVersion.HTTP_1_1, status, AdminReply.TEXT,
                why.getBytes(StandardCharsets.UTF_8), Map.of());
        HttpUtil.setKeepAlive(res, false);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse response(HttpVersion version, int status, String type, byte[] body,
                                             Map<String, String> headers) {
        FullHttpResponse res = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach(h::set);
        return res;
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        pipelined.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("admin: connection from {} failed: {}", ClientWarnings.address(ctx.channel()), cause.toString());
        ctx.close();
    }
}
