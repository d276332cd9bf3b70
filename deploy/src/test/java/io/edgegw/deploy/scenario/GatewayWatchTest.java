package io.edgegw.deploy.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayWatchTest {
    @TempDir
    Path dir;

    @Test
    void theLogScanCountsUnhandledExceptionsAndNotAPeersTextThatLooksLikeOne() throws Exception {
        Path log = Files.writeString(dir.resolve("gateway.log"), String.join("\n",
                "04:18:14.399 WARN  [smpp-io-4-1] i.e.s.t.TenantSession - unbound session /127.0.3.3:49129#85: bind as "
                        + "system_id 'a? ERROR forge' refused: UNKNOWN_SYSTEM_ID",
                "04:18:14.400 INFO  [smpp-io-4-1] i.e.s.t.TenantSession - tenant x: exceptionCaught in a system_id",
                "04:18:15.000 WARN  [smpp-io-4-2] i.n.c.DefaultChannelPipeline - An exceptionCaught() event was fired, "
                        + "and it reached at the tail of the pipeline.",
                "java.lang.IllegalStateException: boom",
                "\tat io.edgegw.X.y(X.java:1)",
                "04:18:16.000 ERROR [edge-journal] i.e.c.q.Journal - cannot append",
                "Exception in thread \"edge-dispatcher\" java.lang.NullPointerException",
                "04:18:17.000 WARN  [smpp-io-4-1] i.e.s.g.WritabilityGuard - tenant t: cutting it off",
                ""));
        GatewayWatch.LogScan scan = new GatewayWatch(1, 1, log).scanLog();
        assertEquals(8, scan.lines());
        assertEquals(3, scan.unhandledCount(), scan.unhandled().toString());
    }

    @Test
    void aSeriesIsSummedOverItsLabels() {
        String metrics = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5000000.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
                edge_smpp_tenant_session_errors_total 0.0
                """;
        assertEquals(15_000_000, (long) GatewayWatch.sum(metrics, "jvm_memory_used_bytes{area=\"heap\""));
        assertEquals(0, (long) GatewayWatch.sum(metrics, "edge_smpp_tenant_session_errors_total"));
        assertEquals(-1, (long) GatewayWatch.sum(metrics, "edge_nothing_total"));
    }
}
