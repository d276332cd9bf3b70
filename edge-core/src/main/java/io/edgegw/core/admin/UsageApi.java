package io.edgegw.core.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgegw.core.usage.UsageJournal;
import io.edgegw.core.usage.UsageTotals;

import java.time.LocalDate;
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
 * {@code {tenant, month, messages, segments, tier, moMessages, moSegments, calls, billedSeconds, billedMinutes,
 * amount, currency, carrierCost: {currency: amount}, routed, costUnknown, margin}} (routed: carrier acceptances, each
 * priced by that carrier's cost). Amounts are strings (exact decimals); amount and currency are null for a tenant without a plan.
 * {@code month} defaults to the current one and may be it or the previous one (the months the reader keeps); any other
 * is 400 naming the two. {@code from=YYYY-MM-DD&to=YYYY-MM-DD} instead asks for those UTC days inclusive, both within
 * the two months kept (so at most 62 days), in order: the answer has {@code from} and {@code to} for {@code month},
 * and its tier is the one reached by the end of {@code to}; anything else is 400 naming the reason. Without {@code tenant}, an array of that object for every configured tenant (as many as the
 * config has). An unknown tenant is 404, a malformed or repeated parameter 400, any other parameter 400.
 */
final class UsageApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PARAMS = Set.of("tenant", "month", "from", "to");
    private static final String USAGE = "tenant=ID, month=YYYY-MM or from=YYYY-MM-DD&to=YYYY-MM-DD";
    /** Tenant ids are short; anything longer is refused before it is looked up. */
    private static final int MAX_TENANT = 128;
    private static final int MAX_MONTH = 7;
    private static final int MAX_DAY = 10;

    /** What a request asks for: a month, or the UTC days from {@code from} to {@code to} inclusive. */
    private record Period(YearMonth month, LocalDate from, LocalDate to) {
    }

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
                return error(400, "unknown parameter '" + clip(p.getKey()) + "' (" + USAGE + ")");
            }
            if (p.getValue().size() > 1) {
                return error(400, p.getKey() + " may be given once");
            }
        }
        Object asked = period(x);
        if (asked instanceof AdminReply refused) {
            return refused;
        }
        Period period = (Period) asked;
        String tenant = x.param("tenant");
        if (tenant == null && !x.query().containsKey("tenant")) {
            ArrayNode all = JSON.createArrayNode();
            for (String id : usage.tenantIds()) {
                all.add(totals(id, period));
            }
            return json(200, all);
        }
        if (tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT) {
            return error(400, "tenant=ID must name a tenant");
        }
        if (!usage.knows(tenant)) {
            return error(404, "unknown tenant '" + clip(tenant) + "'");
        }
        return json(200, totals(tenant, period));
    }

    /**
     * The month asked for (the current by default; it or the previous one, the two the reader keeps) or the days
     * from/to, both given, each in those two months, in order; else the 400 naming why.
     */
    private static Object period(AdminRequest x) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        YearMonth current = YearMonth.from(today);
        String m = x.param("month");
        String from = x.param("from");
        String to = x.param("to");
        if (from != null || to != null || x.query().containsKey("from") || x.query().containsKey("to")) {
            if (m != null) {
                return error(400, "month= and from=/to= exclude each other (" + USAGE + ")");
            }
            if (from == null || to == null) {
                return error(400, "from= and to= go together: from=YYYY-MM-DD&to=YYYY-MM-DD, UTC days inclusive");
            }
            LocalDate first = day(from);
            LocalDate last = day(to);
            if (first == null || last == null) {
                return error(400, "from and to must be YYYY-MM-DD, was '" + clip(first == null ? from : to) + "'");
            }
            LocalDate oldest = current.minusMonths(1).atDay(1);
            LocalDate newest = current.atEndOfMonth();
            if (first.isBefore(oldest) || last.isAfter(newest)) {
                return error(400, "from and to must lie within " + oldest + " to " + newest + " (usage is kept per "
                        + "day for the current and the previous month), was " + first + " to " + last);
            }
            if (first.isAfter(last)) {
                return error(400, "from must not be after to, was " + first + " to " + last);
            }
            return new Period(null, first, last);
        }
        YearMonth month = current;
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
        return new Period(month, null, null);
    }

    private static LocalDate day(String text) {
        try {
            return text.length() == MAX_DAY ? LocalDate.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private ObjectNode totals(String tenant, Period period) {
        UsageTotals t;
        ObjectNode o = JSON.createObjectNode().put("tenant", tenant);
        if (period.month() != null) {
            t = usage.totals(tenant, period.month());
            o.put("month", period.month().toString());
        } else {
            t = usage.totals(tenant, period.from(), period.to());
            o.put("from", period.from().toString()).put("to", period.to().toString());
        }
        o.put("messages", t == null ? 0 : t.messages()).put("segments", t == null ? 0 : t.segments())
                .put("tier", t == null ? 0 : t.tier());
        o.put("moMessages", t == null ? 0 : t.moMessages()).put("moSegments", t == null ? 0 : t.moSegments());
        o.put("calls", t == null ? 0 : t.calls()).put("billedSeconds", t == null ? 0 : t.billedSeconds());
        o.put("billedMinutes", t == null ? "0.00" : t.billedMinutes().toPlainString());
        o.put("amount", t == null || t.amount() == null ? null : t.amount().toPlainString());
        o.put("currency", t == null || t.currency() == null ? null : t.currency().getCurrencyCode());
        ObjectNode costs = o.putObject("carrierCost");
        if (t != null) {
            t.costs().forEach((c, v) -> costs.put(c.getCurrencyCode(), v.toPlainString()));
        }
        o.put("routed", t == null ? 0 : t.routed());
        o.put("costUnknown", t == null ? 0 : t.costUnknown());
        o.put("margin", t == null || t.margin() == null ? null : t.margin().toPlainString());
        return o;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
