package io.edgegw.simulator.sip;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code simulator sip}: runs one simulated SIP trunk until killed, printing its status line every second. */
@Command(name = "sip", mixinStandardHelpOptions = true,
        description = "Run a simulated carrier SIP trunk (UDP and TCP, optionally TLS; answers INVITEs by an outcome mix) until killed.")
public final class TrunkCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Listen address (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "5070", description = "UDP (and TCP) listen port, 0 for a free one (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--tcp", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also listen on TCP on --port (default: ${DEFAULT-VALUE}).")
    boolean tcp;
    @Option(names = "--tls-port", defaultValue = "-1", description = "TLS listen port, 0 for a free one, -1 for no TLS (default: ${DEFAULT-VALUE}).")
    int tlsPort;
    @Option(names = "--tls-cert", description = "PEM certificate chain for the TLS listener.")
    java.nio.file.Path tlsCert;
    @Option(names = "--tls-key", description = "PEM private key (PKCS#8) for the TLS listener.")
    java.nio.file.Path tlsKey;
    @Option(names = "--mix", defaultValue = "ANSWER=1",
            description = "Outcome weights: ANSWER, BUSY, UNAVAILABLE, NO_ANSWER, e.g. ANSWER=90,BUSY=5,UNAVAILABLE=5 (default: ${DEFAULT-VALUE}).")
    String mix;
    @Option(names = "--answer-latency-ms", defaultValue = "0", description = "Delay before the first provisional response (default: ${DEFAULT-VALUE}).")
    long answerLatencyMillis;
    @Option(names = "--ring-ms", defaultValue = "0", description = "Ringing time between 180 and 200 (default: ${DEFAULT-VALUE}).")
    long ringMillis;
    @Option(names = "--duration-ms", defaultValue = "0", description = "Hang up answered calls after this long, 0 = leave it to the caller (default: ${DEFAULT-VALUE}).")
    long durationMillis;
    @Option(names = "--status-every-s", defaultValue = "1", description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
    int statusEverySeconds;

    TrunkConfig toConfig() {
        return new TrunkConfig(host, port, CallMix.parse(mix), answerLatencyMillis, ringMillis, durationMillis, tcp,
                tlsPort, tlsCert, tlsKey);
    }

    @Override
    public Integer call() throws Exception {
        TrunkConfig config;
        try {
            config = toConfig();
        } catch (IllegalArgumentException e) {
            System.out.println("simulator sip: " + e.getMessage());
            return 2;
        }
        SimulatedTrunk trunk = SimulatedTrunk.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            trunk.close();
            stopped.countDown();
        }, "sip-trunk-shutdown"));
        System.out.printf("sip trunk listening on %s mix %s%n", trunk.listening(), mix);
        long started = System.nanoTime();
        while (!stopped.await(Math.max(1, statusEverySeconds), TimeUnit.SECONDS)) {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            System.out.printf("t=%ds %s%n", seconds, trunk.statusLine());
        }
        return 0;
    }
}
