package io.edgegw.deploy.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * The figures of one cluster run, over both tenants. Acknowledged = submit_sm_resp ESME_ROK seen by a tenant; lost =
 * acknowledged but never accepted by a carrier; duplicated = copies beyond the first the carriers accepted; receipts
 * = acknowledged messages whose receipt reached their tenant, of those acknowledged; misrouted = receipts a tenant
 * got that belong to the other one (the other's message id, or addressed to the other's source_addr).
 */
record ClusterReport(
        ClusterCommand.Fault fault,
        long acknowledged,
        long lost,
        long duplicated,
        long receiptsExpected,
        long receiptsMatched,
        long receiptsRepeated,
        long misrouted,
        long unanswered,
        long refused,
        long throttled,
        long rebinds,
        int killExit,
        long acknowledgedAtKill,
        long acknowledgedAtRedis,
        List<String> lostExamples,
        List<String> missingReceiptExamples,
        List<String> deadInstances) implements RestartReport {

    private static final int EXAMPLES = 10;

    static ClusterReport measure(ClusterTenant alpha, ClusterTenant beta, CarrierLedger carriers,
                                 ClusterCommand.Fault fault, int killExit, long acknowledgedAtKill,
                                 long acknowledgedAtRedis, List<String> deadInstances) {
        long acknowledged = 0;
        long lost = 0;
        long matched = 0;
        long repeated = 0;
        List<String> lostExamples = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ClusterTenant t : List.of(alpha, beta)) {
            TenantLedger l = t.ledger;
            for (int n = 0; n < l.messages(); n++) {
                if (l.outcome(n) != TenantLedger.Outcome.ACKNOWLEDGED) {
                    continue;
                }
                acknowledged++;
                String id = l.gatewayId(n);
                if (carriers.copies(l.marker(n)) == 0) {
                    lost++;
                    if (lostExamples.size() < EXAMPLES) {
                        lostExamples.add(t.id + "#" + n + "=" + id);
                    }
                }
                int receipts = l.receipts(id);
                if (receipts > 0) {
                    matched++;
                    repeated += receipts - 1;
                } else if (missing.size() < EXAMPLES) {
                    missing.add(t.id + "#" + n + "=" + id);
                }
            }
        }
        long misrouted = foreign(alpha.ledger, beta.ledger) + foreign(beta.ledger, alpha.ledger)
                + alpha.ledger.misaddressed() + beta.ledger.misaddressed();
        return new ClusterReport(fault, acknowledged, lost, carriers.duplicates(), acknowledged, matched, repeated,
                misrouted, alpha.ledger.unanswered() + beta.ledger.unanswered(),
                alpha.ledger.refused() + beta.ledger.refused(), alpha.ledger.throttled() + beta.ledger.throttled(),
                alpha.binds() - alpha.sessions() + beta.binds() - beta.sessions(), killExit, acknowledgedAtKill,
                acknowledgedAtRedis, List.copyOf(lostExamples), List.copyOf(missing), List.copyOf(deadInstances));
    }

    /** Ids receipted to {@code to} that were acknowledged to {@code owner}. */
    private static long foreign(TenantLedger to, TenantLedger owner) {
        Set<String> owners = new HashSet<>();
        for (int n = 0; n < owner.messages(); n++) {
            String id = owner.gatewayId(n);
            if (id != null) {
                owners.add(id);
            }
        }
        return to.receiptedIds().stream().filter(owners::contains).count();
    }

    private boolean killed() {
        return killExit == GatewayProcess.KILLED_BY_SIGKILL;
    }

    @Override
    public boolean passed() {
        return acknowledged > 0 && lost == 0 && receiptsMatched == receiptsExpected && misrouted == 0
                && (!fault.kills() || (killed() && acknowledgedAtKill > 0)) && deadInstances.isEmpty();
    }

    @Override
    public List<String> details() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("receipts: %d of %d acknowledged messages receipted, %d repeats; %d misrouted",
                receiptsMatched, receiptsExpected, receiptsRepeated, misrouted));
        lines.add(String.format("%d submits unanswered when their connection died, %d refused, %d answered "
                + "'throttled' and sent again; the tenants bound again %d times", unanswered, refused, throttled,
                rebinds));
        if (fault.kills()) {
            lines.add(String.format("instance %d killed at %d acknowledged (exit %d) and restarted on its directory",
                    1, acknowledgedAtKill, killExit));
        }
        if (fault.restartsRedis()) {
            lines.add(String.format("Redis killed at %d acknowledged and restarted on its append-only file",
                    acknowledgedAtRedis));
        }
        return lines;
    }

    @Override
    public ScenarioResult toResult() {
        List<String> problems = new ArrayList<>(deadInstances);
        if (acknowledged == 0) {
            problems.add("nothing was acknowledged");
        }
        if (lost > 0) {
            problems.add(lost + " acknowledged messages never reached a carrier, e.g. " + lostExamples);
        }
        if (receiptsMatched < receiptsExpected) {
            problems.add((receiptsExpected - receiptsMatched) + " acknowledged messages got no receipt, e.g. "
                    + missingReceiptExamples);
        }
        if (misrouted > 0) {
            problems.add(misrouted + " receipts reached the wrong tenant");
        }
        if (fault.kills() && !killed()) {
            problems.add("the instance exited with " + killExit + ", not " + GatewayProcess.KILLED_BY_SIGKILL
                    + " (SIGKILL)");
        }
        if (fault.kills() && acknowledgedAtKill == 0) {
            problems.add("nothing was acknowledged before the kill");
        }
        return new ScenarioResult("cluster", passed(), List.of(
                figure("acknowledged", acknowledged),
                figure("lost", lost),
                figure("duplicated", duplicated),
                figure("receipts", receiptsMatched + "/" + receiptsExpected),
                figure("misrouted", misrouted),
                figure("instances", ClusterRun.INSTANCES),
                figure("faults", fault)), problems);
    }
}
