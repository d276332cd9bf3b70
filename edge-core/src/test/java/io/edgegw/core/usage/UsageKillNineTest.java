package io.edgegw.core.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.support.ChildGateway;
import io.edgegw.core.support.UsageCrashVictim;
import io.edgegw.core.support.UsageSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gateway killed with SIGKILL in the middle of a run: after a restart, usage equals the accepted segments exactly. */
class UsageKillNineTest {
    @TempDir
    Path dir;

    @Test
    void afterAKillNineInTheMiddleOfARunUsageEqualsTheAcceptedSegmentsExactly() throws Exception {
        int count = 3000;
        // killed while it still submits, and while its usage reader is (most likely) behind
        Set<String> acked = ChildGateway.runAndKill(UsageCrashVictim.class, count / 2, dir.toString(), String.valueOf(count));
        assertEquals(count / 2, acked.size());

        long segments;
        try (Gateway g = Gateway.start(UsageSupport.config(dir), List.of())) {
            long accepted = UsageSupport.inboundRecords(dir, "acme");
            assertTrue(accepted >= acked.size() && accepted <= count, "accepted " + accepted);
            long expected = 0;
            for (int i = 0; i < accepted; i++) { // one submitter: the inbound queue holds messages 0..accepted-1
                expected += UsageCrashVictim.segments(i);
            }
            long want = expected;
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + g.listeners().get("admin").getPort() + "/api/usage?tenant=acme"))
                    .header("Authorization", "Bearer " + UsageSupport.TOKEN).build();
            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(http.send(r,
                    HttpResponse.BodyHandlers.ofString()).body()).get("messages").asLong() >= accepted);
            segments = json.readTree(http.send(r, HttpResponse.BodyHandlers.ofString()).body()).get("segments")
                    .asLong();
            assertEquals(want, segments, "the month's segments are the accepted ones, each counted once");
        }
        List<UsageRecord> events = UsageSupport.events(dir);
        Set<String> ids = new HashSet<>();
        Set<String> destinations = new HashSet<>();
        long sum = 0;
        for (UsageRecord e : events) {
            assertTrue(ids.add(MessageIds.render(e.gatewayId())), "one event per message: " + e);
            assertTrue(destinations.add(e.destination()), "one event per message: " + e);
            int i = Integer.parseInt(e.destination().substring(7)) - 10000;
            assertEquals(UsageCrashVictim.segments(i), e.segments(), e.toString());
            sum += e.segments();
        }
        assertTrue(ids.containsAll(acked), "every acknowledged message has its usage event");
        assertEquals(UsageSupport.inboundRecords(dir, "acme"), events.size());
        assertEquals(segments, sum);
    }
}
