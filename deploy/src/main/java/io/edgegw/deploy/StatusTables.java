package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The operator API's {@code /api/status} as aligned tables for a terminal: binds, carriers, tenants; and, when the
 * gateway runs SIP, {@code /api/sip} as its trunks and each tenant's calls. Pure: the JSON
 * and the time in, text out. With colour on, states are wrapped in ANSI codes after padding, so columns stay aligned.
 */
final class StatusTables {
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";
    private static final Set<String> GOOD = Set.of("BOUND", "ACTIVE", "ENABLED", "UP");
    private static final Set<String> BAD = Set.of("DOWN", "DISABLED", "INACTIVE");

    private final boolean colour;

    StatusTables(boolean colour) {
        this.colour = colour;
    }

    String render(JsonNode status, long nowMillis) {
        Table binds = new Table("CARRIER", "BIND", "STATE", "FOR", "REASON", "MODE", "WINDOW FREE");
        Table carriers = new Table("CARRIER", "MODE", "STATE", "SUCCESS", "DELIVERED", "LATENCY", "WINDOW");
        for (JsonNode c : status.path("carriers")) {
            // an older gateway says only its quality; a carrier's state says it all in the same words
            carriers.row(c.path("id").asText(), state(c.path("mode").asText()),
                    state(c.path("state").asText(c.path("quality").asText())),
                    percent(c.path("success")), percent(c.path("delivered")),
                    String.format(Locale.ROOT, "%.1f ms", c.path("latencyMillis").asDouble()),
                    c.path("windowInUse").asInt() + "/" + c.path("windowSize").asInt());
            for (JsonNode b : c.path("binds")) {
                long since = b.path("sinceMillis").asLong();
                binds.row(b.path("carrierId").asText(c.path("id").asText()), b.path("name").asText(),
                        state(b.path("state").asText()), since > 0 ? duration((nowMillis - since) / 1000) : "-",
                        b.path("reason").asText(""), state(b.path("mode").asText()),
                        String.valueOf(b.path("windowFree").asInt()));
            }
        }
        Table tenants = new Table("TENANT", "PAUSED", "INBOUND", "SCHEDULED", "OUTBOUND", "IN FLIGHT", "RECEIVERS");
        for (JsonNode t : status.path("tenants")) {
            boolean paused = t.path("paused").asBoolean();
            tenants.row(t.path("id").asText(), paused ? new Cell("yes", YELLOW) : new Cell("no", null),
                    t.path("inboundDepth").asText(), t.path("scheduledDepth").asText("0"),
                    t.path("outboundDepth").asText(), t.path("inFlight").asText(),
                    t.path("receivers").asText());
        }
        return cluster(status) + "binds\n" + binds + "\ncarriers\n" + carriers + "\ntenants\n" + tenants;
    }

    /**
     * For an instance of several: which one, and its part of each carrier ({@code 2/5 binds, 100/300 per s}); nothing
     * for one instance alone, whose part is the whole.
     */
    private static String cluster(JsonNode status) {
        JsonNode cluster = status.path("cluster");
        if (cluster.path("instances").asInt(1) <= 1) {
            return "";
        }
        StringBuilder out = new StringBuilder("cluster: instance " + cluster.path("instance").asInt() + " of "
                + cluster.path("instances").asInt() + "\n");
        for (JsonNode c : status.path("carriers")) {
            JsonNode share = c.path("share");
            if (share.isObject()) {
                int rate = share.path("clusterMaxSubmitsPerSecond").asInt();
                out.append("  ").append(c.path("id").asText()).append(": ").append(share.path("binds").asInt())
                        .append('/').append(share.path("clusterBinds").asInt()).append(" binds, ")
                        .append(rate == 0 ? "no rate limit" : share.path("maxSubmitsPerSecond").asInt() + "/" + rate
                                + " submits/s").append('\n');
            }
        }
        return out.append('\n').toString();
    }

    /** {@code /api/sip}: every trunk (state, quality, last probe, load, ASR, PDD) and every tenant's active calls. */
    String renderSip(JsonNode sip, long nowMillis) {
        Table trunks = new Table("CARRIER", "ADDRESS", "STATE", "QUALITY", "LAST PROBE", "ACTIVE", "CALLS/S", "ASR",
                "PDD");
        for (JsonNode t : sip.path("trunks")) {
            trunks.row(t.path("carrier").asText(), t.path("address").asText(), state(t.path("state").asText()),
                    state(t.path("quality").asText()), lastProbe(t, nowMillis),
                    t.path("activeCalls").asInt() + "/" + channels(t.path("channels")),
                    String.valueOf(t.path("callsPerSecond").asInt()), percent(t.path("asr")),
                    t.path("postDialDelayMillis").isNumber() ? t.path("postDialDelayMillis").asLong() + " ms" : "-");
        }
        Table tenants = new Table("TENANT", "ACTIVE CALLS");
        sip.path("tenants").fields().forEachRemaining(e ->
                tenants.row(e.getKey(), String.valueOf(e.getValue().path("activeCalls").asInt())));
        return "sip trunks\n" + trunks + "\nsip tenants (" + sip.path("callsSettingUp").asInt()
                + " calls being set up)\n" + tenants;
    }

    /** What the last OPTIONS probe got and how long ago; {@code off} when the trunk is not probed. */
    private static String lastProbe(JsonNode trunk, long nowMillis) {
        if (!trunk.path("probing").asBoolean(true)) {
            return "off";
        }
        String at = trunk.path("lastProbeAt").asText("");
        if (at.isEmpty()) {
            return "-";
        }
        String what = trunk.path("lastProbe").asText("");
        String ago;
        try {
            ago = duration((nowMillis - Instant.parse(at).toEpochMilli()) / 1000) + " ago";
        } catch (DateTimeParseException e) {
            ago = at; // another gateway version's format: show it as it came
        }
        return (what.isEmpty() ? "" : what + ", ") + ago;
    }

    /** A trunk's channel limit; 0 or absent means none. */
    private static String channels(JsonNode channels) {
        return channels.asInt() > 0 ? channels.asText() : "-";
    }

    /** Whole units, largest first, at most two: {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 3d04h}. */
    static String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3_600, s % 3_600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3_600);
    }

    private static String percent(JsonNode share) {
        return share.isNumber() ? String.format(Locale.ROOT, "%.1f%%", share.asDouble() * 100) : "-";
    }

    private static Cell state(String state) {
        return new Cell(state, GOOD.contains(state) ? GREEN : BAD.contains(state) ? RED : YELLOW);
    }

    private record Cell(String text, String ansi) {
    }

    private final class Table {
        private final String[] headers;
        private final List<Cell[]> rows = new ArrayList<>();

        Table(String... headers) {
            this.headers = headers;
        }

        void row(Object... cells) {
            Cell[] row = new Cell[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = cells[i] instanceof Cell c ? c : new Cell(String.valueOf(cells[i]), null);
            }
            rows.add(row);
        }

        @Override
        public String toString() {
            int[] widths = new int[headers.length];
            for (int i = 0; i < headers.length; i++) {
                widths[i] = headers[i].length();
                for (Cell[] row : rows) {
                    widths[i] = Math.max(widths[i], row[i].text().length());
                }
            }
            StringBuilder out = new StringBuilder();
            line(out, widths, Arrays.stream(headers).map(h -> new Cell(h, null)).toArray(Cell[]::new));
            if (rows.isEmpty()) {
                out.append("  (none)\n");
            }
            rows.forEach(row -> line(out, widths, row));
            return out.toString();
        }

        private void line(StringBuilder out, int[] widths, Cell[] cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                String text = cells[i].text();
                line.append("  ").append(colour && cells[i].ansi() != null ? cells[i].ansi() + text + RESET : text)
                        .append(" ".repeat(widths[i] - text.length()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
