package io.edgegw.deploy.scenario;

import java.util.ArrayList;
import java.util.List;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * The figures of one fuzz campaign and its verdict. A crash is the gateway process dying, a log line showing an
 * exception nobody handled, or one of the gateway's own session errors ({@code edge_smpp_tenant_session_errors_total}).
 * The good tenant's lost messages are those acknowledged that never reached the carrier or never came back receipted.
 *
 * @param liveHeapGrowthBound how much the heap in use after a full GC may grow over the campaign: after it every
 *                            hostile connection is closed, so what stays is the bounded tables (bind guard, log
 *                            limiter) and nothing per PDU or per connection; a leak of even 100 bytes per PDU would
 *                            pass it at 1,000,000 PDUs
 * @param rssBoundKilobytes   the most the process may hold resident: the heap's cap plus 1 GiB for the rest (metaspace
 *                            and code, some 150 MB; Netty's pooled buffers, bounded per connection by the write water
 *                            marks; the queue files' mapped pages). A native leak of 1 KB per PDU passes it at
 *                            1,000,000 PDUs
 */
record FuzzReport(
        long pdusWanted,
        long pdus,
        boolean campaignEnded,
        long connections,
        long answers,
        long badAnswers,
        long refusedFuzzBinds,
        long floodPdus,
        List<String> evidence,
        boolean gatewayAlive,
        long unhandledLogLines,
        List<String> unhandledExamples,
        long logLines,
        long sessionErrors,
        long cutOff,
        long refusedAtAccept,
        boolean stalled,
        boolean freshBind,
        long heapPeakBytes,
        long liveHeapBefore,
        long liveHeapAfter,
        long liveHeapGrowthBound,
        long rssPeakKilobytes,
        long rssBoundKilobytes,
        long goodAcknowledged,
        long goodDelivered,
        long goodReceipted,
        long goodLost,
        long goodRefused,
        long goodUnanswered,
        long elapsedMillis) {

    static final long LIVE_HEAP_GROWTH_BOUND = 32L << 20;

    long crashes() {
        return (gatewayAlive ? 0 : 1) + unhandledLogLines + Math.max(0, sessionErrors);
    }

    long liveHeapGrowth() {
        return liveHeapAfter - liveHeapBefore;
    }

    List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!gatewayAlive) {
            p.add("the gateway process died");
        }
        if (unhandledLogLines > 0) {
            p.add(unhandledLogLines + " log lines show an unhandled exception, e.g. " + unhandledExamples);
        }
        if (sessionErrors != 0) {
            p.add("edge_smpp_tenant_session_errors_total is " + sessionErrors
                    + (sessionErrors < 0 ? " (unreadable)" : " (exceptions of ours in tenant sessions)"));
        }
        if (badAnswers > 0) {
            p.add(badAnswers + " answers were a bad frame or ESME_RSYSERR: " + evidence);
        }
        if (pdus != pdusWanted || !campaignEnded) {
            p.add("only " + pdus + " of " + pdusWanted + " PDUs were sent" + (campaignEnded ? "" : " in time"));
        }
        if (stalled) {
            p.add("the good tenant's session stalled (submits unanswered for " + FuzzRun.STALL_SECONDS + " s)");
        }
        if (gatewayAlive && !freshBind) {
            p.add("a fresh bind after the campaign did not succeed");
        }
        if (liveHeapBefore < 0 || liveHeapAfter < 0) {
            p.add("the live heap could not be measured (jcmd GC.run and /metrics)");
        } else if (liveHeapGrowth() > liveHeapGrowthBound) {
            p.add(String.format("the live heap grew %.1f MB over the campaign (bound %d MB)", liveHeapGrowth() / 1e6,
                    liveHeapGrowthBound >> 20));
        }
        if (rssPeakKilobytes > rssBoundKilobytes) {
            p.add(String.format("the resident set peaked at %.0f MB (bound %.0f MB)", rssPeakKilobytes / 1e3,
                    rssBoundKilobytes / 1e3));
        }
        if (goodLost > 0) {
            p.add(goodLost + " of the good tenant's acknowledged messages were lost (not at the carrier or not "
                    + "receipted)");
        }
        if (goodRefused > 0 || goodUnanswered > 0) {
            p.add("the good tenant had " + goodRefused + " submits refused and " + goodUnanswered + " unanswered");
        }
        if (refusedFuzzBinds > 0) {
            p.add("the fuzzer's own good binds were refused " + refusedFuzzBinds + " times: " + evidence);
        }
        return p;
    }

    /** Lines that explain the verdict, printed before it. */
    List<String> details() {
        return List.of(
                String.format("%d PDUs over %d connections (flood and stallers included), %d answers read back, %d "
                        + "flood PDUs never read by their senders", pdus, connections, answers, floodPdus),
                String.format("live heap after a full GC: %.1f MB before, %.1f MB after (growth bound %d MB); heap "
                        + "peak %.1f MB; RSS peak %.1f MB (bound %.0f MB)", liveHeapBefore / 1e6, liveHeapAfter / 1e6,
                        liveHeapGrowthBound >> 20, heapPeakBytes / 1e6, rssPeakKilobytes / 1e3,
                        rssBoundKilobytes / 1e3),
                String.format("good tenant: %d acknowledged, %d at the carrier, %d receipted, %d refused, %d "
                        + "unanswered; fresh bind after the campaign %s", goodAcknowledged, goodDelivered,
                        goodReceipted, goodRefused, goodUnanswered, freshBind ? "ok" : "FAILED"),
                String.format("gateway log: %d lines, %d showing an unhandled exception; session errors %d; %d "
                        + "connections cut off for not reading, %d refused at accept", logLines, unhandledLogLines,
                        sessionErrors, cutOff, refusedAtAccept));
    }

    ScenarioResult toResult() {
        return new ScenarioResult("fuzz", problems().isEmpty(), List.of(
                figure("pdus", pdus),
                figure("crashes", crashes()),
                figure("heap-peak", String.format("%.0f MB", heapPeakBytes / 1e6)),
                figure("good-tenant-lost", goodLost),
                figure("live-heap-growth", String.format("%.1f MB", liveHeapGrowth() / 1e6)),
                figure("rss-peak", String.format("%.0f MB", rssPeakKilobytes / 1e3)),
                figure("connections", connections),
                figure("good-acknowledged", goodAcknowledged),
                figure("elapsed", String.format("%.0f s", elapsedMillis / 1e3))), problems());
    }

    /** Collects the figures as the run finds them. */
    static final class Builder {
        private final FuzzRun.Settings settings;
        private long pdus;
        private boolean campaignEnded;
        private long connections;
        private long answers;
        private long badAnswers;
        private long refusedFuzzBinds;
        private long floodPdus;
        private List<String> evidence = List.of();
        private boolean gatewayAlive;
        private GatewayWatch.LogScan log = new GatewayWatch.LogScan(0, List.of(), 0);
        private long sessionErrors = -1;
        private long cutOff = -1;
        private long refusedAtAccept = -1;
        private boolean stalled;
        private boolean freshBind;
        private long heapPeak;
        private long liveHeapBefore = -1;
        private long liveHeapAfter = -1;
        private long rssPeak;
        private long acknowledged;
        private long delivered;
        private long receipted;
        private long lost;
        private long refused;
        private long unanswered;
        private long elapsedMillis;

        Builder(FuzzRun.Settings settings) {
            this.settings = settings;
        }

        void fuzz(long sentPdus, long opened, long answersRead, long bad, long refusedBinds, long flood,
                  List<String> what, boolean ended) {
            pdus = sentPdus;
            connections = opened;
            answers = answersRead;
            badAnswers = bad;
            refusedFuzzBinds = refusedBinds;
            floodPdus = flood;
            evidence = what;
            campaignEnded = ended;
        }

        void heapSample(long bytes) {
            heapPeak = Math.max(heapPeak, bytes);
        }

        void rssSample(long kilobytes) {
            rssPeak = Math.max(rssPeak, kilobytes);
        }

        void rssPeakKilobytes(long kilobytes) {
            rssSample(kilobytes);
        }

        void liveHeapBefore(long bytes) {
            liveHeapBefore = bytes;
            heapSample(bytes);
        }

        void liveHeapAfter(long bytes) {
            liveHeapAfter = bytes;
            heapSample(bytes);
        }

        void gatewayAlive(boolean alive) {
            gatewayAlive = alive;
        }

        void freshBind(boolean ok) {
            freshBind = ok;
        }

        /** The gateway's counters at the end, from {@code /metrics}. */
        void counters(String metrics) {
            sessionErrors = (long) GatewayWatch.sum(metrics, "edge_smpp_tenant_session_errors_total");
            cutOff = (long) GatewayWatch.sum(metrics, "edge_smpp_tenant_connections_cut_off_total");
            refusedAtAccept = (long) GatewayWatch.sum(metrics, "edge_smpp_tenant_connections_refused_total");
        }

        void stalled(boolean wasStalled) {
            stalled = wasStalled;
        }

        void log(GatewayWatch.LogScan scan) {
            log = scan;
        }

        /** The good tenant's outcome: acknowledged, at the carrier, receipted. */
        Builder tenant(TenantLedger tenant, CarrierLedger carrier) {
            acknowledged = tenant.acknowledged();
            refused = tenant.refused();
            unanswered = tenant.unanswered();
            for (int n = 0; n < tenant.messages(); n++) {
                if (tenant.outcome(n) == TenantLedger.Outcome.ACKNOWLEDGED) {
                    boolean atCarrier = carrier.copies(n) > 0;
                    boolean receiptBack = tenant.receipts(tenant.gatewayId(n)) > 0;
                    delivered += atCarrier ? 1 : 0;
                    receipted += receiptBack ? 1 : 0;
                    lost += atCarrier && receiptBack ? 0 : 1;
                }
            }
            return this;
        }

        Builder elapsedMillis(long millis) {
            elapsedMillis = millis;
            return this;
        }

        FuzzReport build() {
            return new FuzzReport(settings.pdus(), pdus, campaignEnded, connections, answers, badAnswers,
                    refusedFuzzBinds, floodPdus, evidence, gatewayAlive, log.unhandledCount(), log.unhandled(),
                    log.lines(), sessionErrors, cutOff, refusedAtAccept, stalled, freshBind, heapPeak, liveHeapBefore, liveHeapAfter,
                    LIVE_HEAP_GROWTH_BOUND, rssPeak, (settings.heapMegabytes() + 1024L) * 1024, acknowledged, delivered, receipted, lost, refused, unanswered,
                    elapsedMillis);
        }
    }
}
