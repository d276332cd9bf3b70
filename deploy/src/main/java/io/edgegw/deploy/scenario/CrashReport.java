package io.edgegw.deploy.scenario;

import java.util.ArrayList;
import java.util.List;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * The figures of one crash run. Acknowledged = submit_sm_resp ESME_ROK seen by the tenant; delivered = those the
 * carrier accepted at least once; lost = acknowledged but never at the carrier; duplicated = copies beyond the
 * first the carrier accepted (of any message). Messages unanswered at the kill were never acknowledged: they are
 * reported apart, with how many of them the carrier got anyway.
 *
 * @param receiptsForUnacknowledged distinct receipted ids the tenant was never given (messages unanswered at the kill
 *                          that the gateway had queued all the same)
 * @param killExit          exit value of the killed gateway ({@link GatewayProcess#KILLED_BY_SIGKILL} for kill -9)
 * @param queuedAtKill      acknowledged messages the carrier had not yet received when the gateway died
 * @param receiptsDueAtKill acknowledged messages whose receipt the tenant had not yet received then
 * @param lostExamples      a few lost messages as {@code #n=gatewayId}, the evidence for a FAIL
 */
record CrashReport(
        int messages,
        long acknowledged,
        long acknowledgedBeforeKill,
        long delivered,
        long lost,
        long duplicated,
        long unanswered,
        long unansweredDelivered,
        long refused,
        long receiptsExpected,
        long receiptsMatched,
        long receiptsRepeated,
        long receiptsForUnacknowledged,
        int killExit,
        long queuedAtKill,
        long receiptsDueAtKill,
        long startMillis,
        long restartMillis,
        List<String> lostExamples,
        List<String> missingReceiptExamples) implements RestartReport {

    private static final int EXAMPLES = 10;

    /** Counts as they stand now. */
    static CrashReport measure(TenantLedger tenant, CarrierLedger carrier, long acknowledgedBeforeKill, int killExit,
                               long queuedAtKill, long receiptsDueAtKill, long startMillis, long restartMillis) {
        long acknowledged = 0;
        long delivered = 0;
        long unanswered = 0;
        long unansweredDelivered = 0;
        long matched = 0;
        long repeated = 0;
        List<String> lost = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int n = 0; n < tenant.messages(); n++) {
            TenantLedger.Outcome outcome = tenant.outcome(n);
            if (outcome == TenantLedger.Outcome.UNANSWERED) {
                unanswered++;
                unansweredDelivered += carrier.copies(n) > 0 ? 1 : 0;
            }
            if (outcome != TenantLedger.Outcome.ACKNOWLEDGED) {
                continue;
            }
            acknowledged++;
            String id = tenant.gatewayId(n);
            if (carrier.copies(n) > 0) {
                delivered++;
            } else if (lost.size() < EXAMPLES) {
                lost.add("#" + n + "=" + id);
            }
            int receipts = tenant.receipts(id);
            if (receipts > 0) {
                matched++;
                repeated += receipts - 1;
            } else if (missing.size() < EXAMPLES) {
                missing.add("#" + n + "=" + id);
            }
        }
        return new CrashReport(tenant.messages(), acknowledged, acknowledgedBeforeKill, delivered,
                acknowledged - delivered, carrier.duplicates(), unanswered, unansweredDelivered, tenant.refused(),
                acknowledged, matched, repeated, tenant.distinctReceiptIds() - matched, killExit, queuedAtKill, receiptsDueAtKill, startMillis, restartMillis,
                List.copyOf(lost), List.copyOf(missing));
    }

    long acknowledgedAfterRestart() {
        return acknowledged - acknowledgedBeforeKill;
    }

    boolean killedByKillNine() {
        return killExit == GatewayProcess.KILLED_BY_SIGKILL;
    }

    /** Nothing acknowledged lost, every receipt back, and the gateway really was SIGKILLed with work acknowledged. */
    @Override
    public boolean passed() {
        return lost == 0 && receiptsMatched == receiptsExpected && killedByKillNine() && acknowledgedBeforeKill > 0;
    }

    /** Lines that explain the verdict's figures, printed before it. */
    @Override
    public List<String> details() {
        return List.of(
                String.format("%d submits were unanswered when the gateway died; the carrier got %d of them all the same",
                        unanswered, unansweredDelivered),
                String.format("receipts: %d of %d acknowledged messages receipted, %d repeats, %d for ids never "
                        + "acknowledged to the tenant", receiptsMatched, receiptsExpected, receiptsRepeated,
                        receiptsForUnacknowledged),
                String.format("acknowledged %d before the kill and %d after the restart; first start %d ms, restart %d ms",
                        acknowledgedBeforeKill, acknowledgedAfterRestart(), startMillis, restartMillis));
    }

    @Override
    public ScenarioResult toResult() {
        List<String> problems = new ArrayList<>();
        if (lost > 0) {
            problems.add(lost + " acknowledged messages never reached the carrier, e.g. " + lostExamples);
        }
        if (receiptsMatched < receiptsExpected) {
            problems.add((receiptsExpected - receiptsMatched) + " acknowledged messages got no receipt, e.g. "
                    + missingReceiptExamples);
        }
        if (!killedByKillNine()) {
            problems.add("the gateway exited with " + killExit + ", not " + GatewayProcess.KILLED_BY_SIGKILL
                    + " (SIGKILL)");
        }
        if (acknowledgedBeforeKill == 0) {
            problems.add("nothing was acknowledged before the kill");
        }
        return new ScenarioResult("crash", passed(), List.of(
                figure("acknowledged", acknowledged),
                figure("delivered", delivered),
                figure("lost", lost),
                figure("duplicated", duplicated),
                figure("receipts", receiptsMatched + "/" + receiptsExpected),
                figure("unanswered", unanswered),
                figure("refused", refused),
                figure("killed-at", acknowledgedBeforeKill),
                figure("restart", restartMillis + " ms")), problems);
    }
}
