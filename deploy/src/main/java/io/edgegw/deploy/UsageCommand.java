package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code edge usage}: a running gateway's usage per tenant for a month or a range of UTC days, from
 * {@code GET /api/usage}, as a table (messages, segments, MO, calls, billed minutes, tier reached, amount and
 * currency, carrier cost, margin; "-" where unknown), or with
 * {@code --json} the API's answer as it came. Exit 0 when the gateway answered, 1 with one line on stderr when it
 * cannot be reached, refuses the token or refuses the request (its error message is shown).
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Show a running gateway's usage per tenant for a month or days (from its operator API).")
final class UsageCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] HEADER = {"TENANT", "PERIOD", "MESSAGES", "SEGMENTS", "MO", "CALLS", "MINUTES",
            "TIER", "AMOUNT", "CARRIER COST", "MARGIN"};

    @Option(names = "--admin", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "the gateway's admin HTTP address (default ${DEFAULT-VALUE})")
    String admin;
    @Option(names = "--token", paramLabel = "T",
            description = "admin.token of the gateway (default: env " + StatusCommand.TOKEN_ENV + ")")
    String token;
    @Option(names = "--tenant", paramLabel = "ID", description = "one tenant (default: every configured tenant)")
    String tenant;
    @Option(names = "--month", paramLabel = "YYYY-MM",
            description = "the current month (default) or the previous one, UTC")
    String month;
    @Option(names = "--from", paramLabel = "YYYY-MM-DD",
            description = "first UTC day of a range (with --to, not --month; both in this or the previous month)")
    String from;
    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last UTC day of the range, inclusive")
    String to;
    @Option(names = "--json", description = "print the API's JSON as it came")
    boolean json;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    UsageCommand() {
        this(System.out, System.err, System.getenv());
    }

    UsageCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        String bearer = token != null ? token : env.getOrDefault(StatusCommand.TOKEN_ENV, "");
        URI uri;
        try {
            uri = URI.create(admin.replaceAll("/+$", "") + "/api/usage" + query());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            err.println("edge usage: --admin must be an http:// address like http://127.0.0.1:8080 (was '" + admin + "')");
            return 1;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(StatusCommand.REQUEST_TIMEOUT).GET();
        if (!bearer.isEmpty()) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(StatusCommand.CONNECT_TIMEOUT).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("edge usage: cannot reach the gateway's admin API at " + admin + " (" + StatusCommand.reason(e) + ")");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        int code = response.statusCode();
        if (code == 401 || code == 403) {
            err.println(bearer.isEmpty()
                    ? "edge usage: the gateway at " + admin + " needs its admin token (" + code + "): pass --token or set "
                    + StatusCommand.TOKEN_ENV
                    : "edge usage: the gateway at " + admin + " refused the admin token (" + code + "): it is wrong for "
                    + "this gateway");
            return 1;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (code != 200) {
            String why = body != null && body.hasNonNull("error") ? body.get("error").asText() : "answered " + code;
            err.println("edge usage: the gateway refused: " + why + (code == 404 && body == null
                    ? " (is this gateway's usage journal on?)" : ""));
            return 1;
        }
        if (body == null) {
            err.println("edge usage: GET " + uri + " did not answer JSON (is " + admin + " an edge gateway's admin port?)");
            return 1;
        }
        if (json) {
            out.println(response.body());
            return 0;
        }
        out.print(table(body));
        out.flush();
        return 0;
    }

    private String query() {
        List<String> q = new ArrayList<>(4);
        if (tenant != null) {
            q.add("tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8));
        }
        if (month != null) {
            q.add("month=" + URLEncoder.encode(month, StandardCharsets.UTF_8));
        }
        if (from != null) {
            q.add("from=" + URLEncoder.encode(from, StandardCharsets.UTF_8));
        }
        if (to != null) {
            q.add("to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
        }
        return q.isEmpty() ? "" : "?" + String.join("&", q);
    }

    /** One row per tenant (the API's object, or each of its array), columns padded to their widest cell. */
    static String table(JsonNode body) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        Iterator<JsonNode> each = body.isArray() ? body.elements() : List.of(body).iterator();
        while (each.hasNext()) {
            JsonNode t = each.next();
            String currency = text(t, "currency");
            String period = t.has("month") ? text(t, "month") : text(t, "from") + ".." + text(t, "to");
            rows.add(new String[]{text(t, "tenant"), period, text(t, "messages"), text(t, "segments"),
                    text(t, "moMessages"), text(t, "calls"), text(t, "billedMinutes"), text(t, "tier"),
                    money(text(t, "amount"), currency), cost(t), money(text(t, "margin"), currency)});
        }
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                s.append(c == 0 ? "" : "  ").append(c < 2 ? pad(r[c], width[c], false) : pad(r[c], width[c], true));
            }
            s.setLength(s.length() - trailing(s));
            s.append('\n');
        }
        return s.toString();
    }

    /** Carrier cost by currency ("12.50 EUR + 3.00 USD"), with the count of events of unknown cost when there are. */
    private static String cost(JsonNode t) {
        List<String> parts = new ArrayList<>();
        JsonNode costs = t.path("carrierCost");
        costs.fieldNames().forEachRemaining(c -> parts.add(costs.get(c).asText() + " " + c));
        String known = parts.isEmpty() ? "-" : String.join(" + ", parts);
        long unknown = t.path("costUnknown").asLong(0);
        return unknown == 0 ? known : known + " (" + unknown + " unknown)";
    }

    private static String money(String amount, String currency) {
        return amount.equals("-") ? "-" : currency.equals("-") ? amount : amount + " " + currency;
    }

    private static String text(JsonNode t, String field) {
        JsonNode v = t.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(width - s.length());
        return right ? fill + s : s + fill;
    }

    private static int trailing(StringBuilder s) {
        int n = 0;
        while (n < s.length() && s.charAt(s.length() - 1 - n) == ' ') {
            n++;
        }
        return n;
    }
}
