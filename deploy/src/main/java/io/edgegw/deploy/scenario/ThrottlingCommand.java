package io.edgegw.deploy.scenario;

import io.edgegw.core.Gateway;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.jsmpp.SMPPConstant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * {@code edge scenario throttling}: a tenant sends faster than its only carrier allows; the carrier answers
 * ESME_RTHROTTLED beyond its per-second cap and the gateway, with no rate configured for it, must learn the pace
 * (AIMD), lose nothing and keep the carrier busy. Gateway, simulator and tenant in this process over loopback.
 */
@Command(name = "throttling", mixinStandardHelpOptions = true,
        description = {"A tenant sends --rate msg/s to a carrier that throttles beyond --carrier-cap per second;",
                "prints the rate the carrier accepted, its throttled answers, lost (must be 0) and receipts."})
public final class ThrottlingCommand implements Callable<Integer> {
    @Option(names = "--messages", description = "messages in all (default ${DEFAULT-VALUE})")
    int messages = 20_000;
    @Option(names = "--rate", description = "tenant msg/s (default ${DEFAULT-VALUE})")
    int rate = 2_000;
    @Option(names = "--carrier-cap", description = "carrier submit_sm per second before ESME_RTHROTTLED (default ${DEFAULT-VALUE})")
    int cap = 1_000;
    @Option(names = "--timeout-s", description = "longest wait for every message and receipt (default ${DEFAULT-VALUE})")
    int timeoutSeconds = 120;

    @Override
    public Integer call() throws Exception {
        Path storage = Files.createTempDirectory("edge-throttling-");
        try {
            ScenarioResult r = run(messages, rate, cap, timeoutSeconds, storage, System.out);
            return r.report(System.out);
        } finally {
            ScenarioFiles.deleteTree(storage);
        }
    }

    static ScenarioResult run(int messages, int rate, int cap, int timeoutSeconds, Path storage, PrintStream out)
            throws Exception {
        TenantLedger tenant = new TenantLedger(messages, messages);
        CarrierLedger carrier = new CarrierLedger(messages);
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge").withTiming(0, 20)
                .withMaxSubmitsPerSecond(cap);
        try (SimulatedSmsc smsc = SimulatedSmsc.start(sim, carrier);
             Gateway gateway = Gateway.start(ScenarioFiles.oneCarrier(storage, List.of("acme"), smsc.port(), 100));
             ScenarioTenant binds = new ScenarioTenant("acme", "acme", 2, 50, new SubmitSchedule(messages, rate),
                     tenant)) {
            long began = System.nanoTime();
            binds.bind(gateway.listeners().get("smpp").getPort(), began + TimeUnit.SECONDS.toNanos(10), () -> true);
            out.printf("throttling: %d messages at %d msg/s to a carrier that throttles beyond %d/s%n", messages, rate,
                    cap);
            long start = System.nanoTime();
            binds.startSubmitting();
            long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() - deadline < 0
                    && !(binds.doneSubmitting() && tenant.notYetAt(carrier) == 0 && tenant.receiptsDue() == 0)) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long lost = tenant.notYetAt(carrier);
            long due = tenant.receiptsDue();
            long throttled = smsc.counters().submitsAnswered(SMPPConstant.STAT_ESME_RTHROTTLED);
            double accepted = carrier.accepted() / seconds;
            List<String> problems = new ArrayList<>();
            if (lost > 0) {
                problems.add(lost + " acknowledged messages never reached the carrier");
            }
            if (due > 0) {
                problems.add(due + " acknowledged messages got no receipt");
            }
            return new ScenarioResult("throttling", problems.isEmpty(), List.of(
                    figure("acknowledged", tenant.acknowledged()),
                    figure("delivered", carrier.accepted() - carrier.duplicates()),
                    figure("lost", lost),
                    figure("receipts", (tenant.acknowledged() - due) + "/" + tenant.acknowledged()),
                    figure("carrier-cap", cap + " msg/s"),
                    figure("carrier-accepted", String.format("%.0f msg/s", accepted)),
                    figure("share-of-cap", String.format("%.0f%%", 100 * accepted / cap)),
                    figure("throttled-answers", throttled)), problems);
        }
    }
}
