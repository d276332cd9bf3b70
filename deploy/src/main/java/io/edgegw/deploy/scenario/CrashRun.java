package io.edgegw.deploy.scenario;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * One crash run, in its phases: load until {@code killAfter} messages are acknowledged, SIGKILL the gateway,
 * start it again on the same queues, send the rest, and wait (bounded) until every acknowledged message reached
 * the carrier and every receipt the tenant.
 */
final class CrashRun {
    private static final long KILL_WAIT_MILLIS = 10_000;

    private final RestartOptions options;
    private final PrintStream out;
    private final RestartHarness harness;

    CrashRun(RestartOptions options, long killAfter, PrintStream out) {
        this.options = options;
        this.out = out;
        this.harness = new RestartHarness("crash", options, killAfter, out);
    }

    /** Runs everything with queues, config and gateway logs under {@code work}. */
    CrashReport run(Path work) throws IOException, InterruptedException {
        SmscConfig smscConfig = new SmscConfig("carrier", "127.0.0.1", 0, "edge", "edge", 0,
                options.receiptDelayMillis, null, 0, null, true, SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS,
                SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(smscConfig, harness.carrier);
             ScenarioTenant ignored = harness.openTenant()) {
            int port = RestartHarness.freePort();
            Path config = harness.writeConfig(work, port, 0, smsc.port(), "");
            out.printf("crash: carrier on 127.0.0.1:%d, gateway on 127.0.0.1:%d, queues in %s%n", smsc.port(), port,
                    work.resolve("queues"));
            Kill kill;
            try (GatewayProcess first = GatewayProcess.start(config, work.resolve("gateway-1.log"))) {
                kill = loadAndKill(first, port);
            }
            long restartMillis;
            try (GatewayProcess second = GatewayProcess.start(config, work.resolve("gateway-2.log"))) {
                restartMillis = harness.finishAfterRestart(second, port);
                second.stop();
            }
            harness.reportForeign();
            return CrashReport.measure(harness.tenant, harness.carrier, kill.acknowledged(), kill.exit(),
                    kill.queued(), kill.receiptsDue(), kill.startMillis(), restartMillis);
        }
    }

    /** What stood when the first gateway died. */
    private record Kill(long startMillis, int exit, long acknowledged, long queued, long receiptsDue) {
    }

    private Kill loadAndKill(GatewayProcess gateway, int port) throws InterruptedException {
        long startMillis = harness.loadToThreshold(gateway, port, "kill -9");
        // woken by the ledger's alarm itself, so the kill follows the threshold within a scheduling delay
        harness.submitUntilThreshold(gateway);
        TenantLedger tenant = harness.tenant;
        long atSignal = tenant.acknowledged();
        int exit = gateway.kill();
        harness.binds().awaitClosed(KILL_WAIT_MILLIS);
        Kill kill = new Kill(startMillis, exit, tenant.acknowledged(), tenant.notYetAt(harness.carrier),
                tenant.receiptsDue());
        out.printf("crash: kill -9 pid %d at %d acknowledged (exit %d); when the connections closed: %d acknowledged, "
                        + "%d of them not yet at the carrier, %d receipts due, %d submits unanswered%n", gateway.pid(),
                atSignal, exit, kill.acknowledged(), kill.queued(), kill.receiptsDue(), tenant.unanswered());
        return kill;
    }
}
