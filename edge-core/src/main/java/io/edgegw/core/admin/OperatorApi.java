package io.edgegw.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.dispatch.DispatcherControl;
import io.edgegw.core.dispatch.DispatcherStatus;
import io.edgegw.core.dispatch.OperatorMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.edgegw.core.admin.AdminReply.error;
import static io.edgegw.core.admin.AdminReply.json;

/**
 * {@code /api/*}: JSON views of carriers, binds, tenants and routes, and operator actions on them. With a token
 * configured every call needs {@code Authorization: Bearer <token>}; without one the views are open and actions are
 * refused. Each action is written to the {@code io.edgegw.audit} log (never the token).
 * <pre>
 * GET  /api/status | /api/carriers | /api/binds | /api/tenants | /api/routes
 * GET  /api/sip                                    (with the SIP connector: every trunk's state and figures)
 * GET  /api/usage?tenant=ID                        (the tenant's usage this month, see {@link UsageApi})
 * GET  /api/storage                                (storage.sync, and the queue directories of tenants no longer
 *                                                    configured: size, undelivered messages; see OrphanQueues)
 * POST /api/carriers/{id}/enable|disable|drain
 * POST /api/binds/{name}/enable|disable|drain      (name URL-encoded, e.g. telco%2F127.0.0.1%3A2776%231)
 * POST /api/tenants/{id}/pause|resume
 * POST /api/routes/reload                           (reads the configuration file again; routes only, for SMS
 *                                                    and every connector that routes, e.g. SIP)
 * GET  /api/tenants/{id}/dead-letters?from=INDEX&amp;limit=N     (a page of the tenant's dead letters, see
 *                                                    {@link DeadLetterApi})
 * POST /api/tenants/{id}/dead-letters/replay?upTo=INDEX       (back into its outbound queue; default all)
 * POST /api/tenants/{id}/dead-letters/purge?upTo=INDEX|all    (dropped; upTo required)
 * </pre>
 * Nothing here waits: what needs the dispatcher (or the journal) is a future bounded to 2 s, continued on the executor the caller
 * names (the connection's event loop), never on the dispatcher's own thread.
 */
final class OperatorApi {
    private static final Logger AUDIT = LoggerFactory.getLogger("io.edgegw.audit");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 2;
    private static final Set<String> VIEWS = Set.of("/status", "/carriers", "/binds", "/tenants", "/routes");

    private final DispatcherControl control;
    private final Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload;
    private final BearerToken token;
    private final Function<String, Object> connectorViews;
    private final DeadLetterApi deadLetters;
    private final UsageApi usage;

    OperatorApi(DispatcherControl control, Supplier<CompletableFuture<DispatcherControl.RoutesReplaced>> routeReload,
                String token, Function<String, Object> connectorViews, DeadLetterApi deadLetters, UsageApi usage) {
        this.usage = usage;
        this.connectorViews = connectorViews;
        this.deadLetters = deadLetters;
        this.control = control;
        this.routeReload = routeReload;
        this.token = new BearerToken(token);
    }

    /** Called on the admin worker (connector views and the route reload read files and build objects). */
    CompletableFuture<AdminReply> handle(AdminRequest x, Executor replyOn) {
        if (token.isSet() && !token.admits(x.authorization())) {
            return done(error(401, "a valid 'Authorization: Bearer <admin.token>' header is required")
                    .with("WWW-Authenticate", "Bearer realm=\"edge\""));
        }
        String path = x.path().substring("/api".length());
        if (DeadLetterApi.handles(path)) {
            return deadLetters.handle(x, path, token.isSet(), replyOn);
        }
        if (UsageApi.handles(path)) {
            return done(usage.handle(x));
        }
        return switch (x.method()) {
            case "GET" -> view(path, replyOn);
            case "POST" -> token.isSet() ? act(x, path, replyOn)
                    : done(error(403, "operator actions need admin.token in the configuration"));
            default -> done(error(405, "GET or POST").with("Allow", "GET, POST"));
        };
    }

    private CompletableFuture<AdminReply> view(String path, Executor replyOn) {
        if (!VIEWS.contains(path)) {
            Object connector = path.indexOf('/', 1) < 0 ? connectorViews.apply(path.substring(1)) : null;
            return done(connector != null ? json(200, connector) : error(404, "unknown view " + path));
        }
        return after(control.status(), replyOn, s -> json(200, switch (path) {
            case "/carriers" -> s.carriers();
            case "/binds" -> binds(s);
            case "/tenants" -> s.tenants();
            case "/routes" -> s.routes();
            default -> s;
        }));
    }

    /** Every bind flat, with since as a time and its age in seconds. */
    private static ArrayNode binds(DispatcherStatus s) {
        ArrayNode out = JSON.createArrayNode();
        long now = System.currentTimeMillis();
        for (DispatcherStatus.Carrier c : s.carriers()) {
            for (DispatcherStatus.Bind b : c.binds()) {
                ObjectNode o = out.addObject().put("carrier", b.carrierId()).put("name", b.name()).put("state", b.state())
                        .put("carrierState", c.state().name()); // whether its carrier takes traffic, as /api/carriers
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

    private CompletableFuture<AdminReply> act(AdminRequest x, String path, Executor replyOn) {
        if (path.equals("/routes/reload")) {
            return reload(x, replyOn);
        }
        int slash = path.lastIndexOf('/');
        int first = path.indexOf('/', 1);
        if (first < 0 || slash <= first) {
            return done(error(404, "POST /api/{carriers|binds|tenants}/{id}/{action}"));
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
                    return done(error(400, "action must be enable, disable or drain (was '" + action + "')"));
                }
                done = kind.equals("carriers") ? control.carrier(id, mode) : control.bind(id, mode);
            }
            case "tenants" -> {
                if (!action.equals("pause") && !action.equals("resume")) {
                    return done(error(400, "action must be pause or resume (was '" + action + "')"));
                }
                done = control.tenantPaused(id, action.equals("pause"));
            }
            default -> {
                return done(error(404, "unknown kind '" + kind + "'"));
            }
        }
        return after(done, replyOn, was -> {
            AUDIT.info("operator at {}: {} {} {} (was {})", x.remoteAddress(), action,
                    kind.substring(0, kind.length() - 1), id,
                    was instanceof Boolean paused ? (paused ? "paused" : "running") : was);
            return json(200, JSON.createObjectNode().put("kind", kind).put("id", id).put("action", action)
                    .put("was", String.valueOf(was)));
        });
    }

    private CompletableFuture<AdminReply> reload(AdminRequest x, Executor replyOn) {
        CompletableFuture<DispatcherControl.RoutesReplaced> done;
        try {
            done = routeReload.get();
        } catch (ConfigException e) {
            AUDIT.warn("operator at {}: reload routes refused: {}", x.remoteAddress(), e.getMessage());
            return done(error(400, e.getMessage()));
        } catch (IllegalStateException e) {
            return done(error(409, e.getMessage()));
        }
        return after(done, replyOn, r -> {
            AUDIT.info("operator at {}: reload routes ({} routes, was {}; SMS and connectors {} route by them)",
                    x.remoteAddress(), r.after(), r.before(), r.connectors());
            ObjectNode answer = JSON.createObjectNode().put("action", "reload").put("routes", r.after())
                    .put("was", r.before());
            r.connectors().forEach(answer.putArray("connectors")::add);
            return json(200, answer);
        });
    }

    /**
     * The dispatcher's answer made into a reply on {@code replyOn}, or 503 after 2 s (the dispatcher's future never
     * completes once it has stopped). A copy carries the timeout, so the dispatcher's own future is left alone.
     */
    static <T> CompletableFuture<AdminReply> after(CompletableFuture<T> answer, Executor replyOn,
                                                           Function<T, AdminReply> reply) {
        return answer.copy().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).handleAsync((value, failure) -> {
            if (failure == null) {
                return reply.apply(value);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                return error(503, "the dispatcher did not answer within " + WAIT_SECONDS + " s");
            }
            if (cause instanceof NoSuchElementException) {
                return error(404, cause.getMessage());
            }
            if (cause instanceof IllegalStateException) { // busy now (a full ring): worth a retry
                return error(503, cause.getMessage()).with("Retry-After", "1");
            }
            return error(500, String.valueOf(cause.getMessage()));
        }, replyOn);
    }

    static CompletableFuture<AdminReply> done(AdminReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
