package io.edgegw.deploy.scenario;

import java.util.ArrayList;
import java.util.List;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * The figures of one sigterm run. Acknowledged = submit_sm_resp ESME_ROK seen by the tenant; lost = acknowledged but
 * never accepted by the carrier; duplicates = copies of a message the carrier read beyond the first (answered or
 * not); in flight = messages the gateway had read from the queue and not completed when the signal came (what a stop
 * that lost track of them would send again); unanswered = submits whose submit_sm_resp never came (a clean stop
 * answers every one it took).
 *
 * @param exit        how the signalled gateway ended: exit value (0 for a clean stop) and milliseconds after SIGTERM
 * @param exitBoundMillis the longest a stop may take: {@code shutdown.drainSeconds} plus {@link #EXIT_MARGIN_MILLIS}
 */
record SigtermReport(
        int messages,
        long acknowledged,
        long acknowledgedBeforeStop,
        long delivered,
        long lost,
        long duplicates,
        long inFlightAtStop,
        int outstandingAtStop,
        long unanswered,
        long refused,
        long receiptsExpected,
        long receiptsMatched,
        GatewayProcess.Exit exit,
        long exitBoundMillis,
        List<String> lostExamples) implements RestartReport {

    /** What a stop may take beyond shutdown.drainSeconds: unbinding, the last journal writes, the JVM's exit. */
    static final long EXIT_MARGIN_MILLIS = 2_000;
    private static final int EXAMPLES = 10;

    static SigtermReport measure(TenantLedger tenant, CarrierLedger carrier, long acknowledgedBeforeStop,
                                 long inFlightAtStop, int outstandingAtStop, GatewayProcess.Exit exit,
                                 int drainSeconds) {
        long acknowledged = 0;
        long delivered = 0;
        long matched = 0;
        List<String> lost = new ArrayList<>();
        for (int n = 0; n < tenant.messages(); n++) {
            if (tenant.outcome(n) != TenantLedger.Outcome.ACKNOWLEDGED) {
                continue;
            }
            acknowledged++;
            if (carrier.copies(n) > 0) {
                delivered++;
            } else if (lost.size() < EXAMPLES) {
                lost.add("#" + n + "=" + tenant.gatewayId(n));
            }
            if (tenant.receipts(tenant.gatewayId(n)) > 0) {
                matched++;
            }
        }
        return new SigtermReport(tenant.messages(), acknowledged, acknowledgedBeforeStop, delivered,
                acknowledged - delivered, carrier.receivedDuplicates(), inFlightAtStop, outstandingAtStop,
                tenant.unanswered(), tenant.refused() + tenant.throttled(), acknowledged, matched, exit,
                drainSeconds * 1000L + EXIT_MARGIN_MILLIS, List.copyOf(lost));
    }

    boolean exitedCleanly() {
        return exit.code() == 0;
    }

    boolean exitedInTime() {
        return exit.code() >= 0 && exit.millis() <= exitBoundMillis;
    }

    /**
     * Nothing acknowledged lost, every receipt back, no more duplicates than were in flight, every submit taken
     * answered, and a clean exit (status 0) within the bound.
     */
    @Override
    public boolean passed() {
        return lost == 0 && receiptsMatched == receiptsExpected && duplicates <= inFlightAtStop && unanswered == 0
                && exitedCleanly() && exitedInTime() && acknowledgedBeforeStop > 0;
    }

    @Override
    public List<String> details() {
        return List.of(
                String.format("receipts: %d of %d acknowledged messages receipted", receiptsMatched, receiptsExpected),
                String.format("at the signal: %d messages in flight toward the carrier, %d submits awaiting their "
                        + "answer; %d answered ESME_RTHROTTLED (while stopping: sent again after the restart) or refused",
                        inFlightAtStop, outstandingAtStop, refused),
                String.format("acknowledged %d before the stop and %d after the restart; exit %d ms after SIGTERM "
                        + "(bound %d ms), status %d", acknowledgedBeforeStop, acknowledged - acknowledgedBeforeStop,
                        exit.millis(), exitBoundMillis, exit.code()));
    }

    @Override
    public ScenarioResult toResult() {
        List<String> problems = new ArrayList<>();
        if (lost > 0) {
            problems.add(lost + " acknowledged messages never reached the carrier, e.g. " + lostExamples);
        }
        if (receiptsMatched < receiptsExpected) {
            problems.add((receiptsExpected - receiptsMatched) + " acknowledged messages got no receipt");
        }
        if (duplicates > inFlightAtStop) {
            problems.add(duplicates + " duplicates at the carrier, more than the " + inFlightAtStop
                    + " messages in flight at the stop");
        }
        if (unanswered > 0) {
            problems.add(unanswered + " submits were never answered: the stop closed sessions before their acks");
        }
        if (!exitedCleanly()) {
            problems.add(exit.code() < 0 ? "the gateway did not exit after SIGTERM"
                    : "the gateway exited with status " + exit.code() + ", not 0");
        }
        if (!exitedInTime()) {
            problems.add("the gateway took " + exit.millis() + " ms to exit, over the " + exitBoundMillis
                    + " ms bound (shutdown.drainSeconds + " + EXIT_MARGIN_MILLIS + " ms)");
        }
        if (acknowledgedBeforeStop == 0) {
            problems.add("nothing was acknowledged before the stop");
        }
        return new ScenarioResult("sigterm", passed(), List.of(
                figure("acknowledged", acknowledged),
                figure("lost", lost),
                figure("duplicates", duplicates),
                figure("in-flight-at-stop", inFlightAtStop),
                figure("unanswered", unanswered),
                figure("refused", refused),
                figure("receipts", receiptsMatched + "/" + receiptsExpected),
                figure("exit", exit.millis() + " ms"),
                figure("exit-status", exit.code())), problems);
    }
}
