package io.edgegw.smpp.tenant;

import io.edgegw.core.spi.TenantDirectory;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks bind credentials off the event loops: a hashed password costs milliseconds of CPU, which would stall every
 * other session on that loop. One thread and a short queue: binds are rare, and a flood of them waits in the queue
 * or is refused ({@link #check} returns false), never piling up.
 */
final class BindChecker implements AutoCloseable {
    static final int QUEUE = 64;

    private final TenantDirectory tenants;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE), new DefaultThreadFactory("smpp-bind-check", true),
            new ThreadPoolExecutor.AbortPolicy());

    /** Set once the gateway begins to stop: from then on no bind is taken (see {@link TenantSession}). */
    private volatile boolean stopping;

    BindChecker(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** The gateway begins to stop: every bind from now on, and every one still being checked, is refused. */
    void stopTaking() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * Authenticates on the checker's thread and hands the outcome to {@code answer} on {@code loop}.
     *
     * @return false when the queue is full: nothing was checked and {@code answer} will not run
     */
    boolean check(String systemId, String password, InetSocketAddress remote, Executor loop,
                  Consumer<TenantDirectory.Auth> answer) {
        try {
            pool.execute(() -> {
                TenantDirectory.Auth auth;
                try {
                    auth = tenants.authenticate(systemId, password, remote);
                } catch (RuntimeException e) {
                    auth = new TenantDirectory.Auth(TenantDirectory.Outcome.BAD_PASSWORD, null);
                }
                TenantDirectory.Auth outcome = auth;
                try {
                    loop.execute(() -> answer.accept(outcome));
                } catch (RejectedExecutionException closing) {
                    if (outcome.outcome() == TenantDirectory.Outcome.OK) {
                        tenants.unbound(outcome.tenantId()); // the gateway is stopping: give the slot back
                    }
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
