package io.edgegw.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.dispatch.DispatcherControl;
import io.edgegw.core.dispatch.DispatcherStatus;
import io.edgegw.core.dispatch.OperatorMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /api/*}: JSON views of carriers, binds, tenants and routes, and operator actions on them. With a token
 * configured every call needs {@code Authorization: Bearer <token>}; without one the views are open and actions are
 * refused. Each action is written to the {@code io.edgegw.audit} log (never the token).
 * <pre>
 * GET  /api/status | /api/carriers | /api/binds | /api/tenants | /api/routes
 * GET  /api/sip                                    (with the SIP connector: every trunk's state and figures)
 * POST /api/carriers/{id}/enable|disable|drain
 * POST /api/binds/{name}/enable|disable|drain      (name URL-encoded, e.g. telco%2F127.0.0.1%3A2776%231)
 * POST /api/tenants/{id}/pause|resume
 * POST /api/routes/reload                           (reads the configuration file again; routes only)
 * </pre>
 */
final class OperatorApi implements HttpHandler {
    private static final Logger AUDIT = LoggerFactory.getLogger("io.edgegw.audit");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 2;

    private final DispatcherControl control;
    private final Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload;
    private final byte[] token;
    private final Function<String, Object> connectorViews;

    OperatorApi(DispatcherControl control, Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                String token, Function<String, Object> connectorViews) {
        this.connectorViews = connectorViews;
        this.control = control;
        this.routeReload = routeReload;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpExchange x) throws IOException {
        try {
            if (token.length > 0 && !authorised(x)) {
                x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"edge\"");
                reply(x, 401, error("a valid 'Authorization: Bearer <admin.token>' header is required"));
                return;
            }
            String path = x.getRequestURI().getRawPath().substring("/api".length());
            String method = x.getRequestMethod();
            if (method.equals("GET")) {
                view(x, path);
            } else if (method.equals("POST")) {
                if (token.length == 0) {
                    reply(x, 403, error("operator actions need admin.token in the configuration"));
                } else {
                    act(x, path);
                }
            } else {
                x.getResponseHeaders().set("Allow", "GET, POST");
                reply(x, 405, error("GET or POST"));
            }
        } catch (TimeoutException e) {
            reply(x, 503, error("the dispatcher did not answer within " + WAIT_SECONDS + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(x, 503, error("interrupted"));
        }
    }

    private boolean authorised(HttpExchange x) {
        String h = x.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, h.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void view(HttpExchange x, String path) throws IOException, TimeoutException, InterruptedException {
        if (!path.equals("/status") && !path.equals("/carriers") && !path.equals("/binds") && !path.equals("/tenants")
                && !path.equals("/routes")) {
            Object connector = path.indexOf('/', 1) < 0 ? connectorViews.apply(path.substring(1)) : null;
            if (connector != null) {
                reply(x, 200, JSON.writeValueAsString(connector));
                return;
            }
            reply(x, 404, error("unknown view " + path));
            return;
        }
        DispatcherStatus s = await(control.status());
        Object out = switch (path) {
            case "/carriers" -> s.carriers();
            case "/binds" -> binds(s);
            case "/tenants" -> s.tenants();
            case "/routes" -> s.routes();
            default -> s;
        };
        reply(x, 200, JSON.writeValueAsString(out));
    }

    /** Every bind flat, with since as a time and its age in seconds. */
    private static ArrayNode binds(DispatcherStatus s) {
        ArrayNode out = JSON.createArrayNode();
        long now = System.currentTimeMillis();
        for (DispatcherStatus.Carrier c : s.carriers()) {
            for (DispatcherStatus.Bind b : c.binds()) {
                ObjectNode o = out.addObject().put("carrier", b.carrierId()).put("name", b.name()).put("state", b.state());
                if (b.sinceMillis() > 0) {
                    o.put("since", Instant.ofEpochMilli(b.sinceMillis()).toString())
                            .put("forSeconds", (now - b.sinceMillis()) / 1000);
                }
                if (!b.reason().isEmpty()) {
                    o.put("reason", b.reason());
                }
                o.put("mode", b.mode().name()).put("windowFree", b.windowFree());
                if (b.learnedRate() > 0) {
                    o.put("learnedRate", Math.round(b.learnedRate()));
                }
            }
        }
        return out;
    }

    private void act(HttpExchange x, String path) throws IOException, TimeoutException, InterruptedException {
        if (path.equals("/routes/reload")) {
            reload(x);
            return;
        }
        int slash = path.lastIndexOf('/');
        int first = path.indexOf('/', 1);
        if (first < 0 || slash <= first) {
            reply(x, 404, error("POST /api/{carriers|binds|tenants}/{id}/{action}"));
            return;
        }
        String kind = path.substring(1, first);
        String id = URLDecoder.decode(path.substring(first + 1, slash), StandardCharsets.UTF_8);
        String action = path.substring(slash + 1).toLowerCase(Locale.ROOT);
        CompletableFuture<?> done;
        switch (kind) {
            case "carriers", "binds" -> {
                OperatorMode mode = switch (action) {
                    case "enable" -> OperatorMode.ENABLED;
                    case "disable" -> OperatorMode.DISABLED;
                    case "drain" -> OperatorMode.DRAINING;
                    default -> null;
                };
                if (mode == null) {
                    reply(x, 400, error("action must be enable, disable or drain (was '" + action + "')"));
                    return;
                }
                done = kind.equals("carriers") ? control.carrier(id, mode) : control.bind(id, mode);
            }
            case "tenants" -> {
                if (!action.equals("pause") && !action.equals("resume")) {
                    reply(x, 400, error("action must be pause or resume (was '" + action + "')"));
                    return;
                }
                done = control.tenantPaused(id, action.equals("pause"));
            }
            default -> {
                reply(x, 404, error("unknown kind '" + kind + "'"));
                return;
            }
        }
        Object was;
        try {
            was = await(done);
        } catch (NoSuchElementException e) {
            reply(x, 404, error(e.getMessage()));
            return;
        }
        String who = x.getRemoteAddress().getAddress().getHostAddress();
        AUDIT.info("operator at {}: {} {} {} (was {})", who, action, kind.substring(0, kind.length() - 1), id,
                was instanceof Boolean paused ? (paused ? "paused" : "running") : was);
        ObjectNode out = JSON.createObjectNode().put("kind", kind).put("id", id).put("action", action)
                .put("was", String.valueOf(was));
        reply(x, 200, JSON.writeValueAsString(out));
    }

    private void reload(HttpExchange x) throws IOException, TimeoutException, InterruptedException {
        String who = x.getRemoteAddress().getAddress().getHostAddress();
        CompletableFuture<DispatcherControl.RoutesReplaced> done;
        try {
            done = routeReload.get();
        } catch (ConfigException e) {
            AUDIT.warn("operator at {}: reload routes refused: {}", who, e.getMessage());
            reply(x, 400, error(e.getMessage()));
            return;
        } catch (IllegalStateException e) {
            reply(x, 409, error(e.getMessage()));
            return;
        }
        DispatcherControl.RoutesReplaced r = await(done);
        AUDIT.info("operator at {}: reload routes ({} routes, was {})", who, r.after(), r.before());
        reply(x, 200, JSON.writeValueAsString(JSON.createObjectNode().put("action", "reload").put("routes", r.after())
                .put("was", r.before())));
    }

    private static <T> T await(CompletableFuture<T> f) throws TimeoutException, InterruptedException {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String error(String message) throws IOException {
        return JSON.writeValueAsString(JSON.createObjectNode().put("error", message));
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
