package io.edgegw.simulator.smsc;

import io.edgegw.simulator.sip.TrunkCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code simulator}: runs one simulated SMSC until killed, printing its counters every few seconds. */
@Command(name = "simulator", mixinStandardHelpOptions = true, subcommands = {FaultCommand.class, TrunkCommand.class},
        description = "Run a simulated carrier SMSC (SMPP 3.4) until killed.")
public final class SimulatorCommand implements Callable<Integer> {
    @Option(names = "--id", defaultValue = "smsc", description = "SMSC id, also its bind_resp system_id (default: ${DEFAULT-VALUE}).")
    String id;
    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Listen address (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "2776", description = "Listen port, 0 for ephemeral (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--system-id", description = "Required system_id (default: accept any).")
    String systemId;
    @Option(names = "--password", description = "Required password (default: accept any).")
    String password;
    @Option(names = "--latency-ms", defaultValue = "0", description = "Delay before submit_sm_resp (default: ${DEFAULT-VALUE}).")
    long latencyMillis;
    @Option(names = "--receipt-delay-ms", defaultValue = "0", description = "Delay before the delivery receipt (default: ${DEFAULT-VALUE}).")
    long receiptDelayMillis;
    @Option(names = "--receipt-resend-ms", defaultValue = "5000", description = "Resend a receipt unanswered this long (default: ${DEFAULT-VALUE}).")
    long receiptResendMillis;
    @Option(names = "--no-receipts", description = "Never send delivery receipts.")
    boolean noReceipts;
    @Option(names = "--receipts-on-random-bind", description = "Deliver each receipt on a receiving bind of the system_id drawn at random, as real SMSCs do (default: the bind that took the submit).")
    boolean receiptsOnRandomBind;
    @Option(names = "--max-rate", defaultValue = "0", description = "submit_sm per second before ESME_RTHROTTLED, 0 unlimited (default: ${DEFAULT-VALUE}).")
    int maxRate;
    @Option(names = "--outcomes", defaultValue = "DELIVRD=1", description = "Receipt outcome weights, e.g. DELIVRD=90,UNDELIV=10 (default: ${DEFAULT-VALUE}).")
    String outcomes;
    @Option(names = "--id-format", defaultValue = "HEX", description = "Message id format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    MessageIdFormat idFormat;
    @Option(names = "--admin-port", description = "Serve the fault admin endpoint on 127.0.0.1 at this port, 0 for ephemeral (default: none).")
    Integer adminPort;
    @Option(names = "--status-every-s", defaultValue = "5", description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusEverySeconds;
    @Option(names = "--tls-cert", description = "PEM certificate chain: the port speaks SMPP over TLS (with --tls-key).")
    java.nio.file.Path tlsCert;
    @Option(names = "--tls-key", description = "PEM private key (PKCS#8) of --tls-cert.")
    java.nio.file.Path tlsKey;

    SmscConfig toConfig() {
        return new SmscConfig(id, host, port, systemId, password, latencyMillis, receiptDelayMillis,
                OutcomeMix.parse(outcomes), maxRate, idFormat, !noReceipts, receiptResendMillis,
                SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT, receiptsOnRandomBind);
    }

    @Override
    public Integer call() throws Exception {
        SmscConfig config = toConfig();
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tls-cert and --tls-key go together");
        }
        SimulatedSmsc smsc = tlsCert == null ? SimulatedSmsc.start(config)
                : SimulatedSmsc.startTls(config, tlsCert, tlsKey);
        FaultAdmin admin;
        try {
            admin = adminPort == null ? null : FaultAdmin.start(smsc, adminPort);
        } catch (IOException | RuntimeException e) {
            smsc.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (admin != null) {
                admin.close();
            }
            smsc.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        System.out.printf("simulator %s listening on %s:%d%s%n", config.id(), config.host(), smsc.port(),
                tlsCert == null ? "" : " (TLS)");
        if (admin != null) {
            System.out.printf("fault admin on http://127.0.0.1:%d/faults%n", admin.port());
        }
        long started = System.nanoTime();
        while (!stopped.await(Math.max(1, statusEverySeconds), TimeUnit.SECONDS)) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            System.out.printf("t=%ds %s held=%d faults: %s%n", seconds, smsc.counters().statusLine(),
                    smsc.heldReceipts(), smsc.faults().current().summary());
        }
        return 0;
    }
}
