package io.edgegw.core.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The admin port's routes. {@code /health}, the status page, the redirect and refusals are answered on the event
 * loop, at once. {@code /metrics} and {@code /api/*} go to the one admin worker: a scrape reads every gauge (queue
 * depths, disk, JVM) and grows with tenants and binds, connector views build objects, a route reload reads the file,
 * and none of that may delay {@code /health}. The worker's queue is bounded: past it, 503.
 */
final class AdminRoutes {
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final BearerToken metricsToken;
    private final OperatorApi api;
    private final Executor worker;
    private final byte[] page = statusPage();

    AdminRoutes(Supplier<String> scrape, String metricsToken, OperatorApi api, Executor worker) {
        this.scrape = scrape;
        this.metricsToken = new BearerToken(metricsToken);
        this.api = api;
        this.worker = worker;
    }

    /** Called on the connection's event loop, which also finishes what waits on the dispatcher. */
    CompletableFuture<AdminReply> answer(AdminRequest x, Executor loop) {
        String path = x.path();
        if (path.equals("/health")) {
            return done(AdminReply.text(200, "ok"));
        }
        if (path.equals("/status")) {
            // the live status page: static, it reads /api/status itself (with the token the operator types in)
            return done(new AdminReply(200, "text/html; charset=utf-8", page, Map.of()));
        }
        if (path.equals("/")) {
            return done(new AdminReply(302, AdminReply.TEXT, new byte[0], Map.of("Location", "/status")));
        }
        if (path.equals("/metrics")) {
            if (metricsToken.isSet() && !metricsToken.admits(x.authorization())) {
                return done(AdminReply.text(401, "a valid 'Authorization: Bearer <admin.metricsToken>' header is "
                        + "required").with("WWW-Authenticate", "Bearer realm=\"edge-metrics\""));
            }
            return onWorker(() -> done(new AdminReply(200, PROMETHEUS,
                    scrape.get().getBytes(StandardCharsets.UTF_8), Map.of())));
        }
        if (path.startsWith("/api/")) {
            return onWorker(() -> api.handle(x, loop));
        }
        return done(AdminReply.text(404, "not found"));
    }

    private CompletableFuture<AdminReply> onWorker(Supplier<CompletableFuture<AdminReply>> work) {
        try {
            return CompletableFuture.supplyAsync(work, worker).thenCompose(reply -> reply);
        } catch (RejectedExecutionException e) {
            return done(AdminReply.text(503, "the admin port is busy with other requests; try again")
                    .with("Retry-After", "1"));
        }
    }

    private static CompletableFuture<AdminReply> done(AdminReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static byte[] statusPage() {
        try (InputStream in = AdminRoutes.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
