package io.edgegw.deploy.scenario;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.ErrorMix;
import io.edgegw.simulator.smsc.Faults;
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
import java.util.function.BooleanSupplier;

import static io.edgegw.deploy.scenario.ScenarioResult.figure;

/**
 * {@code edge scenario carrier-loss}: the preferred carrier dies mid-load (every connection dropped, new binds
 * refused); its traffic must move to the second carrier, nothing acknowledged may be lost, and when the first
 * carrier comes back its held receipts must reach the tenant. Gateway, both simulated carriers and the tenant run
 * in this process over loopback.
 */
@Command(name = "carrier-loss", mixinStandardHelpOptions = true,
        description = {"The preferred of two carriers dies mid-load and comes back later; prints the failover time",
                "(last submit on the dead carrier to traffic flowing on the other), lost (must be 0) and duplicated."})
public final class CarrierLossCommand implements Callable<Integer> {
    @Option(names = "--messages", description = "messages in all (default ${DEFAULT-VALUE})")
    int messages = 20_000;
    @Option(names = "--rate", description = "msg/s (default ${DEFAULT-VALUE})")
    int rate = 2_000;
    @Option(names = "--kill-after", description = "acknowledged messages before the carrier dies (default: half)")
    Integer killAfter;
    @Option(names = "--down-seconds", description = "how long the carrier stays down (default ${DEFAULT-VALUE})")
    int downSeconds = 5;
    @Option(names = "--timeout-s", description = "longest wait for every message and receipt (default ${DEFAULT-VALUE})")
    int timeoutSeconds = 90;
    @Option(names = "--fault", description = {"what happens to carrier-a: drop (connections dropped, binds refused),",
            "silent (TCP open, nothing answered: found out by the 2 s response timer and enquire_link),",
            "errors (half its submits answered ESME_RSYSERR) (default ${DEFAULT-VALUE})"})
    String fault = "drop";

    @Override
    public Integer call() throws Exception {
        Path storage = Files.createTempDirectory("edge-carrier-loss-");
        try {
            ScenarioResult r = run(messages, rate, killAfter == null ? messages / 2 : killAfter, downSeconds,
                    timeoutSeconds, fault, storage, System.out);
            return r.report(System.out);
        } finally {
            ScenarioFiles.deleteTree(storage);
        }
    }

    static ScenarioResult run(int messages, int rate, int killAfter, int downSeconds, int timeoutSeconds,
                              String fault, Path storage, PrintStream out) throws Exception {
        if (!List.of("drop", "silent", "errors").contains(fault)) {
            throw new IllegalArgumentException("--fault must be drop, silent or errors (was '" + fault + "')");
        }
        String name = switch (fault) {
            case "silent" -> "carrier-silent";
            case "errors" -> "carrier-degraded";
            default -> "carrier-loss";
        };
        TenantLedger tenant = new TenantLedger(messages, killAfter);
        CarrierLedger carriers = new CarrierLedger(messages);
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge").withTiming(0, 20);
        try (SimulatedSmsc a = SimulatedSmsc.start(sim, carriers);
             SimulatedSmsc b = SimulatedSmsc.start(sim, carriers);
             Gateway gateway = Gateway.start(ConfigLoader.parse("""
                     smpp: { host: 127.0.0.1, port: 0 }
                     admin: { host: 127.0.0.1, port: 0 }
                     storage: { dir: '%s' }
                     tenants:
                       - { id: acme, systemId: acme, password: acme, window: 100 }
                     carriers:
                       - { id: carrier-a, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100,
                           reconnectDelayMillis: 100, responseTimeoutMillis: 2000, enquireLinkSeconds: 2,
                           endpoints: [{ host: 127.0.0.1, port: %d }] }
                       - { id: carrier-b, systemId: edge, password: edge, bindsPerEndpoint: 2, window: 100,
                           reconnectDelayMillis: 100, responseTimeoutMillis: 2000, enquireLinkSeconds: 2,
                           endpoints: [{ host: 127.0.0.1, port: %d }] }
                     routes:
                       - { prefix: '', carriers: [carrier-a, carrier-b] }
                     """.formatted(storage.toAbsolutePath(), a.port(), b.port())));
             ScenarioTenant binds = new ScenarioTenant("acme", "acme", 2, 50, new SubmitSchedule(messages, rate),
                     tenant)) {
            long began = System.nanoTime();
            binds.bind(gateway.listeners().get("smpp").getPort(), began + TimeUnit.SECONDS.toNanos(10), () -> true);
            binds.startSubmitting();
            out.printf("%s: %d messages at %d msg/s over 2 binds; carrier-a (preferred) %s after %d are "
                    + "acknowledged and comes back %d s later%n", name, messages, rate,
                    switch (fault) { case "silent" -> "goes silent"; case "errors" -> "fails half its submits"; default -> "dies"; },
                    killAfter, downSeconds);
            if (!tenant.alarm().await(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + tenant.acknowledged() + " acknowledged");
            }
            long bBefore = b.counters().submitsReceived();
            long killed = System.nanoTime();
            if (fault.equals("silent")) {
                a.faults().set(Faults.NONE.withSilent(true));
            } else if (fault.equals("errors")) {
                a.faults().set(Faults.NONE.withErrors(ErrorMix.parse("ESME_RSYSERR=50")));
            } else {
                a.faults().set(Faults.NONE.withRefusedBinds(SMPPConstant.STAT_ESME_RBINDFAIL));
                a.faults().dropConnections();
            }
            waitFor(() -> b.counters().submitsReceived() > bBefore, 30);
            long failoverMillis = (System.nanoTime() - killed) / 1_000_000;
            Thread.sleep(200); // what the dropped connections had already read is counted by now
            long aAtKill = a.counters().submitsAnswered(SMPPConstant.STAT_ESME_ROK);
            out.printf("%s: carrier-a %s; carrier-b took traffic %d ms later%n", name, switch (fault) {
                case "silent" -> "answers nothing";
                case "errors" -> "answers half its submits ESME_RSYSERR";
                default -> "dropped its connections and refuses binds";
            }, failoverMillis);
            long aReceivedAtFault = a.counters().submitsReceived();
            waitFor(() -> System.nanoTime() - killed >= TimeUnit.SECONDS.toNanos(downSeconds), downSeconds + 1);
            long aWhileDown = a.counters().submitsAnswered(SMPPConstant.STAT_ESME_ROK) - aAtKill;
            long aTriedWhileDown = a.counters().submitsReceived() - aReceivedAtFault;
            a.faults().clear();
            out.printf("%s: carrier-a is back%n", name);
            waitFor(() -> binds.doneSubmitting() && tenant.notYetAt(carriers) == 0
                    && tenant.receiptsDue() == 0, timeoutSeconds);
            long lost = tenant.notYetAt(carriers);
            long receiptsDue = tenant.receiptsDue();
            List<String> problems = new ArrayList<>();
            if (lost > 0) {
                problems.add(lost + " acknowledged messages never reached a carrier");
            }
            if (receiptsDue > 0) {
                problems.add(receiptsDue + " acknowledged messages got no receipt");
            }
            if (b.counters().submitsReceived() <= bBefore) {
                problems.add("carrier-b never took the traffic");
            }
            if (aWhileDown > 0 && !fault.equals("errors")) {
                problems.add("carrier-a accepted " + aWhileDown + " submits while it was down");
            }
            return new ScenarioResult(name, problems.isEmpty(), List.of(
                    figure("acknowledged", tenant.acknowledged()),
                    figure("delivered", carriers.accepted() - carriers.duplicates()),
                    figure("lost", lost),
                    figure("duplicated", carriers.duplicates()),
                    figure("receipts", (tenant.acknowledged() - receiptsDue) + "/" + tenant.acknowledged()),
                    figure("failover", failoverMillis + " ms"),
                    figure("sent-to-a-while-faulty", aTriedWhileDown),
                    figure("on-a", a.counters().submitsReceived()),
                    figure("on-b", b.counters().submitsReceived())), problems);
        }
    }

    private static void waitFor(BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
    }
}
