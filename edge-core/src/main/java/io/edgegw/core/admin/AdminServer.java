package io.edgegw.core.admin;

import io.edgegw.core.config.AdminConfig;
import io.edgegw.core.dispatch.DispatcherControl;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.pipeline.DeadLetterOffice;
import io.edgegw.core.usage.UsageJournal;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Operators' HTTP side: {@code /metrics} (Prometheus text), {@code /health}, the status page and the
 * {@link OperatorApi} under {@code /api/}, on Netty. Every connection is bounded ({@link AdminLimits}) so that no
 * client, however slow or hostile, stops {@code /health} answering: one event loop thread does the I/O and the cheap
 * answers, one worker thread the scrapes and API calls (see {@link AdminRoutes}).
 */
public final class AdminServer implements AutoCloseable {
    private final EventLoopGroup loop;
    private final ThreadPoolExecutor worker;
    private final Channel server;

    public AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                       Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload) {
        this(config, metrics, control, routeReload, name -> null);
    }

    /** With connectors' own views ({@code GET /api/{name}}, e.g. {@code sip}): {@code views} answers null for none. */
    public AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                       Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                       Function<String, Object> views) {
        this(config, metrics, control, routeReload, views, (DeadLetterOffice) null);
    }

    /** With the tenants' dead letters ({@code /api/tenants/{id}/dead-letters}); null for none. */
    public AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                       Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                       Function<String, Object> views, DeadLetterOffice deadLetters) {
        this(config, metrics, control, routeReload, views, deadLetters, AdminLimits.DEFAULTS);
    }

    AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                Function<String, Object> views, AdminLimits limits) {
        this(config, metrics, control, routeReload, views, null, limits);
    }

    AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                Function<String, Object> views, DeadLetterOffice deadLetters, AdminLimits limits) {
        this(config, metrics, control, routeReload, views, deadLetters, null, limits);
    }

    /** With the usage journal too ({@code /api/usage}); null for none. */
    public AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                       Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                       Function<String, Object> views, DeadLetterOffice deadLetters, UsageJournal usage) {
        this(config, metrics, control, routeReload, views, deadLetters, usage, AdminLimits.DEFAULTS);
    }

    AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                Function<String, Object> views, DeadLetterOffice deadLetters, UsageJournal usage,
                AdminLimits limits) {
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(limits.workerQueue()),
                new DefaultThreadFactory("edge-admin", true));
        AdminRoutes routes = new AdminRoutes(metrics::scrape, config.metricsToken(),
                new OperatorApi(control, routeReload, config.token(), views, new DeadLetterApi(deadLetters),
                        new UsageApi(usage)), worker);
        // one thread: ConnectionSlots and the warnings are confined to it
        loop = new NioEventLoopGroup(1, new DefaultThreadFactory("edge-admin-io", true));
        ClientWarnings warnings = new ClientWarnings();
        ConnectionSlots slots = new ConnectionSlots(limits.maxConnections(), warnings);
        RequestStart start = new RequestStart();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false) // listening from here, accepting from start()
                .option(ChannelOption.SO_BACKLOG, 64)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // at most one answer per connection is in flight; a client that does not read stops the writes
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 256 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("slots", slots);
                        p.addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(),
                                TimeUnit.MILLISECONDS));
                        p.addLast("writeTimeout", new WriteTimeoutHandler(limits.requestTimeout().toMillis(),
                                TimeUnit.MILLISECONDS));
                        p.addLast("requestStart", start);
                        p.addLast("http", new HttpServerCodec(limits.maxLineBytes(), limits.maxHeaderBytes(), 8192));
                        p.addLast("aggregate", new BoundedAggregator(limits.maxBodyBytes(), warnings));
                        p.addLast("exchange", new AdminExchange(routes, slots, warnings, limits.requestTimeout()));
                    }
                });
        try {
            server = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            close();
            String where = "admin: cannot listen on " + config.host() + ":" + config.port();
            throw e instanceof IOException io ? new UncheckedIOException(where, io) : new IllegalStateException(where, e);
        }
    }

    public void start() {
        server.config().setAutoRead(true);
    }

    /** The real address, with the port chosen by the system when configured as 0. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly(); // closes every connection
        worker.shutdownNow();
    }
}
