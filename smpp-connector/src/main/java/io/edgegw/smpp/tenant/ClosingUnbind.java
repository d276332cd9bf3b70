package io.edgegw.smpp.tenant;

import io.edgegw.smpp.pdu.Pdus;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A bound tenant session while the gateway closes: told with unbind (and given a moment to answer) once every submit
 * it had in the core is answered, so no submit_sm_resp is lost to the close. Runs on the session's event loop.
 */
final class ClosingUnbind {
    private static final Logger log = LoggerFactory.getLogger(TenantSession.class);
    /** How long the tenant has to answer our unbind before the connection is closed anyway. */
    private static final long UNBIND_GRACE_MILLIS = 1_000;
    /** How often the session looks whether the core has answered all its submits... */
    private static final long ACK_WAIT_POLL_MILLIS = 2;
    /** ...and for how long at most (the journal answers within milliseconds; a stuck disk must not hold the stop). */
    private static final long ACK_WAIT_MAX_MILLIS = 2_000;

    /**
     * What the unbind needs of the session: whether it is still bound (the tenant may have unbound first, or the
     * connection gone); moving it to unbinding (no more deliveries offered), which gives the unbind's sequence number;
     * tenant and bind, for the log.
     */
    record Session(BooleanSupplier bound, IntSupplier unbinding, Supplier<String> describe) {
    }

    private ClosingUnbind() {
    }

    static void start(ChannelHandlerContext ctx, AtomicInteger unacknowledged, Session session) {
        unbindOnceAnswered(ctx, unacknowledged, session,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_WAIT_MAX_MILLIS));
    }

    /**
     * The answers are written from the journal thread, each a task on this loop queued before the count drops; the
     * unbind is queued behind them, so it follows the last answer on the wire.
     */
    private static void unbindOnceAnswered(ChannelHandlerContext ctx, AtomicInteger unacknowledged, Session session,
                                           long deadline) {
        if (unacknowledged.get() > 0 && System.nanoTime() - deadline < 0) {
            ctx.executor().schedule(() -> unbindOnceAnswered(ctx, unacknowledged, session, deadline),
                    ACK_WAIT_POLL_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (unacknowledged.get() > 0) {
            log.warn("{}: {} submits still unanswered by the core at shutdown; unbinding anyway", session.describe().get(),
                    unacknowledged.get());
        }
        ctx.executor().execute(() -> {
            if (!session.bound().getAsBoolean()) {
                return; // the tenant unbound first, or the connection went
            }
            ctx.writeAndFlush(Pdus.unbind(session.unbinding().getAsInt()));
            ctx.executor().schedule(() -> ctx.close(), UNBIND_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}
