package io.edgegw.smpp.tenant;

import io.edgegw.core.net.PeerSource;
import io.edgegw.smpp.guard.PeerLog;
import io.edgegw.smpp.tls.TlsFailure;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Right after the TLS handler of a tenant connection: a handshake that fails (no or an untrusted client certificate,
 * plain SMPP on the TLS port, no handshake within the bound) closes the connection, counted and logged at most once
 * a minute per address; a TLS error later closes it too. The SMPP handlers behind never see TLS errors.
 */
final class TlsGuard extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TlsGuard.class);
    private static final PeerLog peerLog = new PeerLog(log);

    private final Supplier<String> session;
    private final Runnable refused;
    private boolean handshaken;

    TlsGuard(Supplier<String> session, Runnable refused) {
        this.session = session;
        this.refused = refused;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
            handshaken = true;
        } else if (evt instanceof SslHandshakeCompletionEvent done) {
            refused.run();
            peerLog.warn(PeerLog.key("tls-handshake", PeerSource.of(ctx.channel())),
                    "{}: TLS handshake failed, closing: {}", session.get(), TlsFailure.reason(done.cause()));
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (TlsFailure.of(cause) == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (handshaken) { // during the handshake the completion event reports it
            peerLog.info(PeerLog.key("tls-error", PeerSource.of(ctx.channel())), "{}: TLS error, closing: {}",
                    session.get(), TlsFailure.reason(cause));
        }
        ctx.close(); // the TLS stream is broken
    }
}
