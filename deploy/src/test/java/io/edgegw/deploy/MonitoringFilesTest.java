package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The operator's monitoring files in deploy/monitoring are valid for the tools that load them, and every metric
 * they query is one a real gateway serves: a renamed meter or a typo fails here, not on a dark dashboard.
 */
class MonitoringFilesTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:edge|jvm|process|system)_[a-z0-9_]+)\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path storage;
    static MetricsScrape scrape;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void scrapeARealGateway() throws Exception {
        scrape = MetricsScrape.ofRunningGateway(storage);
    }

    static Path monitoring() {
        // surefire runs in the module dir; an IDE may run from the project root
        for (Path p : List.of(Path.of("monitoring"), Path.of("deploy", "monitoring"))) {
            if (Files.isRegularFile(p.resolve("edge-alerts.yml"))) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("deploy/monitoring not found from " + Path.of("").toAbsolutePath());
    }

    private static void promtool(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("promtool missing: ./edge test installs the Debian package prometheus (" + e.getMessage() + ")");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }

    @Test
    void alertRulesPassPromtoolCheck() throws Exception {
        promtool(monitoring(), "check", "rules", "edge-alerts.yml");
    }

    @Test
    void alertRulesFireAsTheirUnitTestsSay() throws Exception {
        promtool(monitoring(), "test", "rules", "edge-alerts-test.yml");
    }

    @Test
    void everyAlertNamesItsSeverityAndSummary() throws Exception {
        for (JsonNode rule : alertRules()) {
            String name = rule.path("alert").asText();
            assertFalse(name.isEmpty(), "every rule is an alert: " + rule);
            assertTrue(Set.of("critical", "warning").contains(rule.path("labels").path("severity").asText()), name);
            assertFalse(rule.path("annotations").path("summary").asText().isEmpty(), name);
            assertFalse(rule.path("annotations").path("description").asText().isEmpty(), name);
        }
    }

    @Test
    void dashboardPanelsAreWellFormedAndUseTheDataSourceVariable() throws Exception {
        JsonNode d = dashboard();
        assertTrue(d.path("schemaVersion").asInt() >= 36, "schemaVersion");
        Map<String, JsonNode> vars = new TreeMap<>();
        d.path("templating").path("list").forEach(v -> vars.put(v.path("name").asText(), v));
        assertEquals("datasource", vars.get("DS_PROMETHEUS").path("type").asText());
        assertTrue(vars.get("carrier").path("definition").asText().startsWith("label_values("));
        assertTrue(vars.get("tenant").path("definition").asText().startsWith("label_values("));

        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode p : d.path("panels")) {
            String title = p.path("title").asText();
            assertTrue(ids.add(p.path("id").asInt()), "panel id unique: " + title);
            JsonNode grid = p.path("gridPos");
            for (String k : List.of("h", "w", "x", "y")) {
                assertTrue(grid.path(k).isInt(), "gridPos." + k + " of " + title);
            }
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, "panel within the 24 columns: " + title);
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${DS_PROMETHEUS}", p.path("datasource").path("uid").asText(), title);
            assertFalse(p.path("targets").isEmpty(), "panel has queries: " + title);
            for (JsonNode t : p.path("targets")) {
                assertFalse(t.path("expr").asText().isBlank(), "expr in " + title);
                assertEquals("${DS_PROMETHEUS}", t.path("datasource").path("uid").asText(), title);
                queries++;
            }
        }
        assertTrue(queries > 20, "a dashboard worth the name: " + queries + " queries");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        // promtool parses rule files, not dashboards: each query becomes a recording rule, Grafana's variables filled in
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (JsonNode p : dashboard().path("panels")) {
            for (JsonNode t : p.path("targets")) {
                String expr = t.path("expr").asText().replace("$__rate_interval", "5m").replace("$carrier", ".*")
                        .replace("$tenant", ".*");
                rules.append("      - record: dashboard:query").append(++n).append("\n        expr: ")
                        .append(JSON.writeValueAsString(expr)).append('\n');
            }
        }
        Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        promtool(dir, "check", "rules", "dashboard-queries.yml");
    }

    @Test
    void everyMetricTheDashboardQueriesIsServedByARealGateway() throws Exception {
        List<String> exprs = new ArrayList<>();
        dashboard().path("panels").forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        dashboard().path("templating").path("list").forEach(v -> exprs.add(v.path("definition").asText()));
        assertAllServed("dashboard", exprs);
    }

    @Test
    void everyMetricTheAlertsQueryIsServedByARealGateway() throws Exception {
        List<String> exprs = new ArrayList<>();
        alertRules().forEach(r -> exprs.add(r.path("expr").asText()));
        assertAllServed("alerts", exprs);
    }

    private static void assertAllServed(String where, List<String> exprs) {
        Set<String> missing = new TreeSet<>();
        int names = 0;
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                names++;
                if (!scrape.serves(m.group(1))) {
                    missing.add(m.group(1));
                }
            }
        }
        assertTrue(names > 0, where + " queries no metric at all?");
        assertTrue(missing.isEmpty(), where + " queries metrics the gateway does not serve: " + missing);
    }

    @Test
    void everyGatewayMetricIsDocumentedInTheMetricsReferenceAndNothingMore() throws Exception {
        Path doc = Stream.of(Path.of("..", "docs", "METRICS.md"), Path.of("docs", "METRICS.md"))
                .filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalStateException("docs/METRICS.md"));
        String text = Files.readString(doc);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`(edge_[a-z0-9_]+)`").matcher(text);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> undocumented = new TreeSet<>();
        scrape.families().keySet().stream().filter(f -> f.startsWith("edge_")).filter(f -> !documented.contains(f)
                && !documented.contains(f + "_bucket")).forEach(undocumented::add);
        assertTrue(undocumented.isEmpty(), "served but not in docs/METRICS.md: " + undocumented);
        Set<String> stale = new TreeSet<>();
        documented.stream().filter(d -> !scrape.serves(d)).forEach(stale::add);
        assertTrue(stale.isEmpty(), "in docs/METRICS.md but not served: " + stale);
    }

    private static JsonNode dashboard() throws IOException {
        return JSON.readTree(monitoring().resolve("edge-dashboard.json").toFile());
    }

    private static List<JsonNode> alertRules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        new YAMLMapper().readTree(monitoring().resolve("edge-alerts.yml").toFile()).path("groups")
                .forEach(g -> g.path("rules").forEach(rules::add));
        assertFalse(rules.isEmpty(), "no rules in edge-alerts.yml");
        return rules;
    }
}
