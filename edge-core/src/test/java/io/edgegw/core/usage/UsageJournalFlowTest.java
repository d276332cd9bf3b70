package io.edgegw.core.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.UsageSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real gateway, no carrier: every acknowledged MT message becomes one usage event, once, across restarts. */
class UsageJournalFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private Gateway gateway;
    private final HttpClient http = HttpClient.newHttpClient();
    /** gateway id to the segments its message counts, as submitted */
    private final Map<String, Integer> expected = new HashMap<>();
    private int seq;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private void start() {
        gateway = Gateway.start(UsageSupport.config(dir), List.of());
    }

    private void submit(String tenant, ShortMessage m, int segments) {
        TestAck ack = new TestAck();
        int s = ++seq;
        assertEquals(SubmitIngress.TAKEN, gateway.ingress().submit(tenant, m, ack, s));
        await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.containsKey(s));
        String id = ack.answers.get(s);
        assertTrue(!id.startsWith("!"), "accepted: " + id);
        expected.put(id, segments);
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.listeners().get("admin").getPort() + pathAndQuery)).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode usage(String tenant) throws Exception {
        HttpResponse<String> r = get("/api/usage?tenant=" + tenant, UsageSupport.TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private long expectedSegments() {
        return expected.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** The events on disk: one per accepted message, by gateway id, with the segments it was submitted with. */
    private void assertJournalMatches() {
        List<UsageRecord> events = UsageSupport.events(dir);
        Map<String, Integer> found = new HashMap<>();
        Set<Long> sources = new HashSet<>();
        for (UsageRecord e : events) {
            assertTrue(found.put(MessageIds.render(e.gatewayId()), e.segments()) == null, "an event twice: " + e);
            assertTrue(sources.add(e.tenantId().hashCode() * 31L + e.sourceIndex()), "a source twice: " + e);
        }
        assertEquals(expected, found);
    }

    @Test
    void everyAcceptedMessageIsOneEventWithItsSegmentsAndTheApiRatesTheMonth() throws Exception {
        start();
        for (int i = 0; i < 5; i++) {
            submit("acme", UsageSupport.gsm("4477009000" + i, 160), 1);
        }
        for (int i = 0; i < 3; i++) {
            submit("acme", UsageSupport.gsm("4477009100" + i, 300), 2); // message_payload, 2 parts of 153
        }
        submit("acme", UsageSupport.ucs2("33612345678", 71), 2); // 71 UCS-2 characters: 2 parts of 67
        submit("globex", UsageSupport.gsm("4477009200", 20), 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> usage("acme").get("segments").asLong() == 13);
        JsonNode acme = usage("acme");
        assertEquals(9, acme.get("messages").asLong());
        assertEquals("EUR", acme.get("currency").asText());
        // 44: 11 segments at 0.0400, the 11th past the tier at x0.5; then 33 (0.0500 anywhere): 2 at x0.5
        // = 10 x 0.04 + 1 x 0.02 + 2 x 0.025 = 0.47
        assertEquals("0.47", acme.get("amount").asText());
        assertEquals(1, acme.get("tier").asInt());
        // no carrier took any (telco never binds): no cost counted, none unknown, the margin is the amount so far
        assertEquals(0, acme.get("routed").asLong());
        assertEquals(0, acme.get("costUnknown").asLong());
        assertEquals("0.47", acme.get("margin").asText());
        JsonNode globex = usage("globex");
        assertEquals(1, globex.get("segments").asLong());
        assertTrue(globex.get("amount").isNull(), "globex has no plan");
        assertEquals(10.0, gateway.meters().get("edge_usage_events").tag("tenant", "acme").counter().count()
                + gateway.meters().get("edge_usage_events").tag("tenant", "globex").counter().count());
        assertEquals(0.0, gateway.meters().get("edge_usage_lag_records").tag("tenant", "acme").gauge().value());
        gateway.close();
        gateway = null;

        List<UsageRecord> events = UsageSupport.events(dir);
        assertJournalMatches();
        UsageRecord ucs = events.stream().filter(e -> e.destination().startsWith("33")).findFirst().orElseThrow();
        assertEquals("UCS2", ucs.alphabet());
        assertEquals(8, ucs.dataCoding());
        assertEquals("33", ucs.country());
        assertEquals("44", events.get(0).country());
        assertEquals("acme", events.get(0).tenantId());
    }

    @Test
    void aRestartWritesNoEventTwiceAndTheTotalsEqualTheAcceptedSegments() throws Exception {
        start();
        for (int i = 0; i < 40; i++) {
            submit("acme", UsageSupport.gsm("447700900" + i, i % 2 == 0 ? 300 : 10), i % 2 == 0 ? 2 : 1);
        }
        gateway.close(); // maybe before the reader made all of them events: the next start resumes
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> usage("acme").get("segments").asLong() == 60);
        for (int i = 0; i < 10; i++) {
            submit("acme", UsageSupport.gsm("447700901" + i, 300), 2);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> usage("acme").get("segments").asLong() == 80);
        gateway.close();
        start(); // nothing new: the totals are rebuilt from the journal alone
        await().atMost(Duration.ofSeconds(10)).until(() -> usage("acme").get("messages").asLong() == 50);
        assertEquals(expectedSegments(), usage("acme").get("segments").asLong());
        gateway.close();
        gateway = null;
        assertJournalMatches();
        assertEquals(50, UsageSupport.inboundRecords(dir, "acme"));
    }

    @Test
    void theApiNeedsTheTokenAKnownTenantAndNothingElse() throws Exception {
        start();
        HttpResponse<String> none = get("/api/usage?tenant=acme", null);
        assertEquals(401, none.statusCode());
        assertEquals(401, get("/api/usage?tenant=acme", "wrong-token-0123456789").statusCode());
        HttpResponse<String> unknown = get("/api/usage?tenant=initech", UsageSupport.TOKEN);
        assertEquals(404, unknown.statusCode());
        assertTrue(JSON.readTree(unknown.body()).get("error").asText().contains("initech"));
        assertEquals(400, get("/api/usage?tenant=acme&tenant=globex", UsageSupport.TOKEN).statusCode());
        assertEquals(400, get("/api/usage?tenant=acme&from=x", UsageSupport.TOKEN).statusCode());
        assertEquals(400, get("/api/usage?tenant=" + "a".repeat(200), UsageSupport.TOKEN).statusCode());
        JsonNode empty = usage("acme");
        assertEquals(0, empty.get("segments").asLong());
        assertTrue(empty.get("month").asText().matches("\\d{4}-\\d{2}"));
        Set<String> fields = new HashSet<>();
        empty.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("tenant", "month", "messages", "segments", "tier", "moMessages", "moSegments", "calls",
                "billedSeconds", "billedMinutes", "amount",
                "currency", "carrierCost",
                "routed", "costUnknown", "margin"), fields.stream().collect(Collectors.toSet()));
    }

    @Test
    void everyTenantAndThePreviousMonthAreAnsweredOtherMonthsRefused() throws Exception {
        start();
        submit("acme", UsageSupport.gsm("4477009300", 300), 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> usage("acme").get("segments").asLong() == 2);
        java.time.YearMonth now = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        HttpResponse<String> all = get("/api/usage", UsageSupport.TOKEN);
        assertEquals(200, all.statusCode(), all.body());
        JsonNode array = JSON.readTree(all.body());
        assertEquals(2, array.size(), "one entry per configured tenant: " + array);
        Map<String, Long> segments = new HashMap<>();
        array.forEach(t -> segments.put(t.get("tenant").asText(), t.get("segments").asLong()));
        assertEquals(Map.of("acme", 2L, "globex", 0L), segments);
        JsonNode before = JSON.readTree(get("/api/usage?tenant=acme&month=" + now.minusMonths(1), UsageSupport.TOKEN)
                .body());
        assertEquals(now.minusMonths(1).toString(), before.get("month").asText());
        assertEquals(0, before.get("segments").asLong());
        assertEquals(2, JSON.readTree(get("/api/usage?tenant=acme&month=" + now, UsageSupport.TOKEN).body())
                .get("segments").asLong());
        for (String bad : List.of(now.minusMonths(2).toString(), now.plusMonths(1).toString(), "2026-13", "x",
                "2026-1")) {
            HttpResponse<String> r = get("/api/usage?month=" + bad, UsageSupport.TOKEN);
            assertEquals(400, r.statusCode(), bad);
            String error = JSON.readTree(r.body()).get("error").asText();
            assertTrue(error.contains(now.toString()) && error.contains(now.minusMonths(1).toString()), error);
        }
        assertEquals(400, get("/api/usage?month=" + now + "&month=" + now, UsageSupport.TOKEN).statusCode());
    }

    @Test
    void aRangeOfDaysCountsOnlyItsDaysAndABadRangeIsRefusedNamingWhy() throws Exception {
        start();
        for (int i = 0; i < 12; i++) { // 12 segments to 44: the tier changes after the 10th
            submit("acme", UsageSupport.gsm("447700940" + i, 20), 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> usage("acme").get("segments").asLong() == 12);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate first = java.time.YearMonth.from(today).minusMonths(1).atDay(1);
        HttpResponse<String> r = get("/api/usage?tenant=acme&from=" + first + "&to=" + today, UsageSupport.TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode range = JSON.readTree(r.body());
        assertEquals(first.toString(), range.get("from").asText());
        assertEquals(today.toString(), range.get("to").asText());
        assertTrue(!range.has("month"), range.toString());
        assertEquals(12, range.get("messages").asLong());
        assertEquals(12, range.get("segments").asLong());
        assertEquals(1, range.get("tier").asInt(), "past the tier by the end of today");
        // 10 x 0.0400 + 2 x 0.0200 = 0.44, as the month says
        assertEquals("0.44", range.get("amount").asText());
        assertEquals(usage("acme").get("amount").asText(), range.get("amount").asText());
        JsonNode before = JSON.readTree(get("/api/usage?tenant=acme&from=" + first + "&to=" + first,
                UsageSupport.TOKEN).body());
        if (!first.equals(today)) {
            assertEquals(0, before.get("segments").asLong(), before.toString());
            assertEquals("0.00", before.get("amount").asText(), before.toString());
        }
        JsonNode all = JSON.readTree(get("/api/usage?from=" + today + "&to=" + today, UsageSupport.TOKEN).body());
        assertEquals(2, all.size(), all.toString());

        java.time.LocalDate tooOld = first.minusDays(1);
        Map<String, String> refused = Map.of(
                "from=" + today, "go together",
                "to=" + today, "go together",
                "month=" + java.time.YearMonth.from(today) + "&from=" + today + "&to=" + today, "exclude each other",
                "from=" + today + "&to=2026-1-01", "must be YYYY-MM-DD",
                "from=" + tooOld + "&to=" + today, "must lie within " + first,
                "from=" + today + "&to=" + today.plusMonths(1).withDayOfMonth(1), "must lie within",
                "from=" + today + "&to=" + first, "must not be after");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> no = get("/api/usage?tenant=acme&" + bad.getKey(), UsageSupport.TOKEN);
            assertEquals(400, no.statusCode(), bad.getKey());
            String error = JSON.readTree(no.body()).get("error").asText();
            assertTrue(error.contains(bad.getValue()), bad.getKey() + ": " + error);
        }
    }
}
