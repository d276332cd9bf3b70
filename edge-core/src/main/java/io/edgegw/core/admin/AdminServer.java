package io.edgegw.core.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.edgegw.core.config.AdminConfig;
import io.edgegw.core.dispatch.DispatcherControl;
import io.edgegw.core.metrics.GatewayMetrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/** Operators' HTTP side: {@code /metrics} (Prometheus text), {@code /health}, and the {@link OperatorApi} under {@code /api/}. */
public final class AdminServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    public AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                       Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload) {
        this(config, metrics, control, routeReload, name -> null);
    }

    /** With connectors' own views ({@code GET /api/{name}}, e.g. {@code sip}): {@code views} answers null for none. */
    public AdminServer(AdminConfig config, GatewayMetrics metrics, DispatcherControl control,
                       Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                       Function<String, Object> views) {
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("admin: cannot listen on " + config.host() + ":" + config.port(), e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "edge-admin");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", x -> reply(x, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext("/health", x -> reply(x, 200, "text/plain; charset=utf-8", "ok"));
        byte[] page = statusPage();
        // the live status page: static, it reads /api/status itself (with the token the operator types in)
        server.createContext("/status", x -> replyBytes(x, 200, "text/html; charset=utf-8", page));
        server.createContext("/", x -> {
            if (x.getRequestURI().getPath().equals("/")) {
                x.getResponseHeaders().set("Location", "/status");
                x.sendResponseHeaders(302, -1);
                x.close();
            } else {
                reply(x, 404, "text/plain; charset=utf-8", "not found");
            }
        });
        server.createContext("/api/", new OperatorApi(control, routeReload, config.token(), views));
    }

    public void start() {
        server.start();
    }

    /** The real address, with the port chosen by the system when configured as 0. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static byte[] statusPage() {
        try (InputStream in = AdminServer.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reply(HttpExchange x, int status, String type, String body) throws IOException {
        replyBytes(x, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void replyBytes(HttpExchange x, int status, String type, byte[] bytes) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
