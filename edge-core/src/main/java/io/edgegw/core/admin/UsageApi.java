package io.edgegw.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegw.core.usage.UsageJournal;
import io.edgegw.core.usage.UsageTotals;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;

import static io.edgegw.core.admin.AdminReply.error;
import static io.edgegw.core.admin.AdminReply.json;

/**
 * {@code GET /api/usage?tenant=ID}: one configured tenant's usage this calendar month (UTC), as the usage journal's
 * reader last published it (no lock: an immutable {@link UsageTotals} per tenant):
 * {@code {tenant, month, messages, segments, tier, amount, currency, carrierCost: {currency: amount}, costUnknown,
 * margin}}. Amounts are strings (exact decimals); amount and currency are null for a tenant without a price plan.
 * An unknown tenant is 404, a missing or malformed parameter 400, any other parameter 400.
 */
final class UsageApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PARAMS = Set.of("tenant");
    /** Tenant ids are short; anything longer is refused before it is looked up. */
    private static final int MAX_TENANT = 128;

    private final UsageJournal usage;

    /** @param usage null when there is none (an admin server alone): every call answers 404 */
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
            return error(404, "no usage journal here");
        }
        for (String name : x.query().keySet()) {
            if (!PARAMS.contains(name)) {
                return error(400, "unknown parameter '" + clip(name) + "' (tenant=ID)");
            }
        }
        String tenant = x.param("tenant");
        if (tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT || x.query().get("tenant").size() > 1) {
            return error(400, "tenant=ID is required, once");
        }
        if (!usage.knows(tenant)) {
            return error(404, "unknown tenant '" + clip(tenant) + "'");
        }
        YearMonth month = YearMonth.from(Instant.now().atOffset(ZoneOffset.UTC));
        UsageTotals t = usage.totals(tenant);
        if (t != null && !t.month().equals(month)) {
            t = null; // nothing yet this month: the last totals are of an earlier one
        }
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
        return json(200, o);
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
