package io.edgegw.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegw.core.usage.UsageJournal;
import io.edgegw.core.usage.UsageTotals;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.edgegw.core.admin.AdminReply.error;
import static io.edgegw.core.admin.AdminReply.json;

/**
 * {@code GET /api/usage?tenant=ID&month=YYYY-MM}: one configured tenant's usage in a calendar month (UTC), as the usage
 * journal's reader last published it (no lock: an immutable {@link UsageTotals} per tenant and month):
 * {@code {tenant, month, messages, segments, tier, amount, currency, carrierCost: {currency: amount}, costUnknown,
 * margin}}. Amounts are strings (exact decimals); amount and currency are null for a tenant without a price plan.
 * {@code month} defaults to the current one and may be it or the previous one (the months the reader keeps); any other
 * is 400 naming the two. Without {@code tenant}, an array of that object for every configured tenant (as many as the
 * config has). An unknown tenant is 404, a malformed or repeated parameter 400, any other parameter 400.
 */
final class UsageApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PARAMS = Set.of("tenant", "month");
    /** Tenant ids are short; anything longer is refused before it is looked up. */
    private static final int MAX_TENANT = 128;
    private static final int MAX_MONTH = 7;

    private final UsageJournal usage;

    /** What every call answers when there is no usage journal. */
    static final String METERING_OFF = "usage metering is off on this gateway (usage.enabled: false): nothing is counted";

    /** @param usage null when there is none (metering off, or an admin server alone): every call answers 404 */
    UsageApi(UsageJournal usage) {
        this.usage = usage;
    }

    static boolean handles(String path) {
        return path.equals("/usage");
    }

    AdminReply handle(AdminRequest x) {
        if (!x.method().equals("GET")) {
            return error(405, "GET").with("Allow", "GET");
        }
        if (usage == null) {
            return error(404, METERING_OFF);
        }
        for (Map.Entry<String, List<String>> p : x.query().entrySet()) {
            if (!PARAMS.contains(p.getKey())) {
                return error(400, "unknown parameter '" + clip(p.getKey()) + "' (tenant=ID, month=YYYY-MM)");
            }
            if (p.getValue().size() > 1) {
                return error(400, p.getKey() + " may be given once");
            }
        }
        YearMonth current = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
        YearMonth month = current;
        String m = x.param("month");
        if (m != null) {
            try {
                month = m.length() == MAX_MONTH ? YearMonth.parse(m) : null;
            } catch (DateTimeParseException e) {
                month = null;
            }
            if (month == null || !(month.equals(current) || month.equals(current.minusMonths(1)))) {
                return error(400, "month must be YYYY-MM, " + current + " or " + current.minusMonths(1)
                        + " (usage is kept for the current and the previous month), was '" + clip(m) + "'");
            }
        }
        String tenant = x.param("tenant");
        if (tenant == null && !x.query().containsKey("tenant")) {
            ArrayNode all = JSON.createArrayNode();
            for (String id : usage.tenantIds()) {
                all.add(totals(id, month));
            }
            return json(200, all);
        }
        if (tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT) {
            return error(400, "tenant=ID must name a tenant");
        }
        if (!usage.knows(tenant)) {
            return error(404, "unknown tenant '" + clip(tenant) + "'");
        }
        return json(200, totals(tenant, month));
    }

    private ObjectNode totals(String tenant, YearMonth month) {
        UsageTotals t = usage.totals(tenant, month);
        ObjectNode o = JSON.createObjectNode().put("tenant", tenant).put("month", month.toString());
        o.put("messages", t == null ? 0 : t.messages()).put("segments", t == null ? 0 : t.segments())
                .put("tier", t == null ? 0 : t.tier());
        o.put("amount", t == null || t.amount() == null ? null : t.amount().toPlainString());
        o.put("currency", t == null || t.currency() == null ? null : t.currency().getCurrencyCode());
        ObjectNode costs = o.putObject("carrierCost");
        if (t != null) {
            t.costs().forEach((c, v) -> costs.put(c.getCurrencyCode(), v.toPlainString()));
        }
        o.put("costUnknown", t == null ? 0 : t.costUnknown());
        o.put("margin", t == null || t.margin() == null ? null : t.margin().toPlainString());
        return o;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
