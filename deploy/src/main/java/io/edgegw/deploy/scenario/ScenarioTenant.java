package io.edgegw.deploy.scenario;

import io.edgegw.smpp.codec.SmppCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.jsmpp.SMPPConstant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The scenario's tenant: {@code sessions} transceiver binds sharing one {@link SubmitSchedule} and one
 * {@link TenantLedger}. It binds again after the gateway dies, which is the whole point of the scenario.
 */
final class ScenarioTenant implements AutoCloseable {
    private static final long RETRY_MILLIS = 20;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    /** Generous: a gateway just started shares two cores with its own JIT compiler and may answer binds late. */
    private static final long BIND_RESPONSE_MILLIS = 10_000;

    private final String systemId;
    private final String password;
    private final int sessions;
    private final int window;
    private final SubmitSchedule schedule;
    private final TenantLedger ledger;
    private final EventLoopGroup group;
    private List<TenantBind> binds = List.of();

    ScenarioTenant(String systemId, String password, int sessions, int window, SubmitSchedule schedule,
                   TenantLedger ledger) {
        this.systemId = systemId;
        this.password = password;
        this.sessions = sessions;
        this.window = window;
        this.schedule = schedule;
        this.ledger = ledger;
        this.group = new NioEventLoopGroup(Math.min(sessions, Math.max(1, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * Binds every session to 127.0.0.1:{@code port}, retrying until the gateway accepts them, while
     * {@code stillWorthTrying} holds and before {@code deadlineNanos}.
     *
     * @return the {@link System#nanoTime()} at which the first session was bound
     * @throws IllegalStateException if they could not all bind in time
     */
    long bind(int port, long deadlineNanos, BooleanSupplier stillWorthTrying) throws InterruptedException {
        List<TenantBind> fresh = new ArrayList<>();
        String lastProblem = "not tried";
        long firstBound = 0;
        while (fresh.size() < sessions) {
            if (System.nanoTime() - deadlineNanos >= 0 || !stillWorthTrying.getAsBoolean()) {
                fresh.forEach(TenantBind::unbind);
                throw new IllegalStateException("tenant could not bind to 127.0.0.1:" + port + ": " + lastProblem);
            }
            TenantBind bind = new TenantBind(systemId, password, window, schedule, ledger);
            ChannelFuture connect = connect(group, port, bind).await();
            int status = -1;
            if (connect.isSuccess()) {
                status = await(bind.bound, BIND_RESPONSE_MILLIS);
                lastProblem = "bind_resp status " + status;
            } else {
                lastProblem = String.valueOf(connect.cause());
            }
            if (status == SMPPConstant.STAT_ESME_ROK) {
                if (fresh.isEmpty()) {
                    firstBound = System.nanoTime();
                }
                fresh.add(bind);
            } else {
                connect.channel().close();
                Thread.sleep(RETRY_MILLIS);
            }
        }
        binds = fresh;
        return firstBound;
    }

    /** Connects {@code bind} (which binds as soon as it is connected) to 127.0.0.1:{@code port}; does not wait. */
    static ChannelFuture connect(EventLoopGroup group, int port, TenantBind bind) {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SmppCodec.install(ch.pipeline(), SmppCodec.DEFAULT_MAX_PDU_BYTES);
                        ch.pipeline().addLast("tenant", bind);
                    }
                }).connect("127.0.0.1", port);
    }

    private static int await(CompletableFuture<Integer> status, long millis) throws InterruptedException {
        try {
            return status.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    /** Starts the schedule afresh and every bound session submitting. */
    void startSubmitting() {
        schedule.restart(System.nanoTime());
        binds.forEach(TenantBind::startSubmitting);
    }

    /** Waits until every session's connection has closed (the gateway went away); false on timeout. */
    boolean awaitClosed(long millis) throws InterruptedException {
        try {
            CompletableFuture.allOf(binds.stream().map(b -> b.closed).toArray(CompletableFuture[]::new))
                    .get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Every message issued and none waiting for an answer. */
    boolean doneSubmitting() {
        return schedule.exhausted() && outstanding() == 0;
    }

    int outstanding() {
        return binds.stream().mapToInt(TenantBind::outstanding).sum();
    }

    /** Unbinds every session and waits briefly for the gateway to close them. */
    void unbind() throws InterruptedException {
        binds.forEach(TenantBind::unbind);
        awaitClosed(3_000);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
