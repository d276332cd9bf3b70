package io.edgegw.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegw.core.pipeline.DeadLetterOffice;
import io.edgegw.core.queue.DeadLetter;
import io.edgegw.core.queue.DeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static io.edgegw.core.admin.AdminReply.error;
import static io.edgegw.core.admin.AdminReply.json;
import static io.edgegw.core.admin.OperatorApi.after;
import static io.edgegw.core.admin.OperatorApi.done;

/**
 * {@code /api/tenants/{id}/dead-letters}: a tenant's dead letters, behind the same token as the rest of the API.
 * <pre>
 * GET  .../dead-letters?from=INDEX&amp;limit=N   a page, oldest first: {tenant, letters: [{index, time, kind (receipt
 *                                           or mo), source, dest, receiptedId, messageState, attempts, lastStatus,
 *                                           reason (refused or unanswered)}], next (the index to page from, or null)};
 *                                           limit 1-1000, default 100; from 0 (default) = the first not settled
 * POST .../dead-letters/replay?upTo=INDEX   back into the tenant's outbound queue, oldest first, up to and including
 *                                           INDEX (default: all), at most 10,000 a call: {settled, through, more}
 * POST .../dead-letters/purge?upTo=INDEX    dropped, likewise; upTo is required (an index, or {@code all})
 * </pre>
 * Both settle a prefix: every letter up to INDEX, so one letter is replayed or purged with everything before it.
 */
final class DeadLetterApi {
    private static final Logger AUDIT = LoggerFactory.getLogger("io.edgegw.audit");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/tenants/";
    private static final String SEGMENT = "/dead-letters";
    private static final int DEFAULT_PAGE = 100;

    private final DeadLetterOffice office;

    /** @param office null when the gateway has none (an admin server alone, in tests): every call answers 404 */
    DeadLetterApi(DeadLetterOffice office) {
        this.office = office;
    }

    /** Whether {@code path} (below /api) is one of these routes. */
    static boolean handles(String path) {
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        int at = path.indexOf('/', PREFIX.length());
        return at > PREFIX.length() && path.startsWith(SEGMENT, at)
                && (path.length() == at + SEGMENT.length() || path.charAt(at + SEGMENT.length()) == '/');
    }

    CompletableFuture<AdminReply> handle(AdminRequest x, String path, boolean actionsAllowed, Executor replyOn) {
        if (office == null) {
            return done(error(404, "no dead letters here"));
        }
        int at = path.indexOf('/', PREFIX.length());
        String tenant = URLDecoder.decode(path.substring(PREFIX.length(), at), StandardCharsets.UTF_8);
        String action = path.substring(at + SEGMENT.length());
        try {
            if (action.isEmpty()) {
                return x.method().equals("GET") ? done(list(tenant, x))
                        : done(error(405, "GET").with("Allow", "GET"));
            }
            if (!x.method().equals("POST")) {
                return done(error(405, "POST").with("Allow", "POST"));
            }
            if (!actionsAllowed) {
                return done(error(403, "operator actions need admin.token in the configuration"));
            }
            return switch (action) {
                case "/replay" -> settle(x, tenant, "replay", office.replay(tenant, upTo(x, Long.MAX_VALUE)), replyOn);
                case "/purge" -> settle(x, tenant, "purge", office.purge(tenant, upTo(x, -1)), replyOn);
                default -> done(error(404, "POST /api/tenants/{id}/dead-letters/{replay|purge}"));
            };
        } catch (IllegalArgumentException e) {
            return done(error(400, e.getMessage()));
        } catch (NoSuchElementException e) {
            return done(error(404, e.getMessage()));
        }
    }

    private AdminReply list(String tenant, AdminRequest x) {
        long from = number(x, "from", 0);
        long limit = number(x, "limit", DEFAULT_PAGE);
        if (limit < 1 || limit > DeadLetterQueue.MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + DeadLetterQueue.MAX_PAGE + " (was " + limit + ")");
        }
        DeadLetterQueue.Page page = office.list(tenant, from, (int) limit);
        ObjectNode out = JSON.createObjectNode().put("tenant", tenant);
        ArrayNode letters = out.putArray("letters");
        for (DeadLetter d : page.letters()) {
            ObjectNode o = letters.addObject().put("index", d.index())
                    .put("time", Instant.ofEpochMilli(d.deadMillis()).toString())
                    .put("kind", d.isReceipt() ? "receipt" : "mo")
                    .put("source", d.message().sourceAddr()).put("dest", d.message().destAddr());
            if (d.isReceipt()) {
                o.put("receiptedId", d.receiptedMessageId()).put("messageState", d.messageState());
            }
            o.put("attempts", d.attempts());
            if (d.lastStatus() == DeadLetter.UNANSWERED) {
                o.putNull("lastStatus").put("reason", "unanswered");
            } else {
                o.put("lastStatus", d.lastStatus()).put("reason", "refused");
            }
        }
        if (page.next() != 0) {
            out.put("next", page.next());
        } else {
            out.putNull("next");
        }
        return json(200, out);
    }

    private static CompletableFuture<AdminReply> settle(AdminRequest x, String tenant, String action,
                                                        CompletableFuture<DeadLetterQueue.Settled> done,
                                                        Executor replyOn) {
        return after(done, replyOn, s -> {
            AUDIT.info("operator at {}: {} dead letters of tenant {} up to {} ({} settled{})", x.remoteAddress(),
                    action, tenant, x.param("upTo") == null ? "all" : x.param("upTo"), s.count(),
                    s.more() ? ", more left" : "");
            return json(200, JSON.createObjectNode().put("tenant", tenant).put("action", action)
                    .put("settled", s.count()).put("through", s.through()).put("more", s.more()));
        });
    }

    /** {@code upTo}: an index, {@code all}, or absent for {@code dflt} (-1: required). */
    private static long upTo(AdminRequest x, long dflt) {
        String v = x.param("upTo");
        if (v == null && dflt < 0) {
            throw new IllegalArgumentException("upTo is required: an index from a listing, or 'all'");
        }
        return v == null || v.equals("all") ? Long.MAX_VALUE : number(x, "upTo", 0);
    }

    private static long number(AdminRequest x, String name, long dflt) {
        String v = x.param(name);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative whole number (was '"
                    + (v.length() > 32 ? v.substring(0, 32) + "..." : v) + "')");
        }
    }
}
