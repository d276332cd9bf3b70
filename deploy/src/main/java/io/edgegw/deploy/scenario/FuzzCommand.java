package io.edgegw.deploy.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code edge scenario fuzz}: a million hostile SMPP PDUs at the real gateway (its own process, the simulator as its
 * carrier) over many connections, with a flood of peers that never read and peers that stall on half a PDU, while a
 * well-behaved tenant submits steadily. PASS when the gateway neither died nor let an exception go unhandled, the
 * good tenant's session never stalled and lost nothing, a fresh bind works afterwards, and the live heap did not grow.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Send --pdus mutated and structurally invalid SMPP PDUs over many connections to the real "
                + "gateway (plus peers that never read and peers that stall on half a PDU) while a good tenant submits;",
                "PASS: no crash, no unhandled exception, the good tenant never stalled and lost nothing, a fresh bind "
                        + "works after, the live heap did not grow."})
final class FuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--pdus", defaultValue = "1000000", description = "hostile PDUs to send (default ${DEFAULT-VALUE})")
    long pdus;
    @Option(names = "--connections", defaultValue = "32",
            description = "fuzzing connections open at a time (default ${DEFAULT-VALUE})")
    int connections;
    @Option(names = "--seed", paramLabel = "S", description = "seed of the PDUs sent (default: random, printed)")
    Long seed;
    @Option(names = "--non-readers", defaultValue = "200",
            description = "peers that connect and never read, kept open throughout (default ${DEFAULT-VALUE})")
    int nonReaders;
    @Option(names = "--stallers", defaultValue = "100",
            description = "peers that send half a PDU and stall, kept open throughout (default ${DEFAULT-VALUE})")
    int stallers;
    @Option(names = "--good-rate", defaultValue = "200",
            description = "the good tenant's submit_sm/s during the campaign (default ${DEFAULT-VALUE})")
    int goodRate;
    @Option(names = "--good-messages", defaultValue = "200000",
            description = "the most the good tenant sends; it stops when the campaign ends (default ${DEFAULT-VALUE})")
    int goodMessages;
    @Option(names = "--heap-mb", defaultValue = "512",
            description = "the gateway's -Xmx, so a leak ends in a dead process rather than a slow one (default ${DEFAULT-VALUE})")
    int heapMegabytes;
    @Option(names = "--timeout-s", defaultValue = "3600",
            description = "the longest the campaign may take (default ${DEFAULT-VALUE})")
    long timeoutSeconds;
    @Option(names = "--dir", paramLabel = "DIR",
            description = "queues, config and gateway log, kept afterwards (must be empty or absent); default: a "
                    + "temporary one, deleted after a PASS")
    Path dir;

    private final PrintStream out;

    FuzzCommand() {
        this(System.out);
    }

    FuzzCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        FuzzReport report;
        try {
            report = run();
        } catch (IllegalStateException e) {
            out.println("fuzz: " + e.getMessage());
            out.println("fuzz: FAIL (the scenario could not complete)");
            return 1;
        }
        report.details().forEach(d -> out.println("fuzz: " + d));
        return report.toResult().report(out);
    }

    /** Validates the options and runs the campaign; the directory is kept when asked for or when it fails. */
    FuzzReport run() throws IOException, InterruptedException {
        FuzzRun.Settings settings = settings();
        Path work = prepareDir();
        FuzzReport report = null;
        try {
            out.printf("fuzz: %d PDUs over %d connections at a time, %d non-readers, %d stallers, seed %d; the good "
                            + "tenant at %d msg/s%n", settings.pdus(), settings.connections(), settings.nonReaders(),
                    settings.stallers(), settings.seed(), settings.goodRate());
            report = new FuzzRun(settings, out).run(work);
            return report;
        } finally {
            if (dir != null || report == null || !report.problems().isEmpty()) {
                out.println("fuzz: queues, config and gateway log kept in " + work);
            } else {
                ScenarioFiles.deleteTree(work);
            }
        }
    }

    private FuzzRun.Settings settings() {
        if (pdus < 1 || connections < 1 || nonReaders < 0 || stallers < 0 || goodRate < 1 || goodMessages < 1
                || heapMegabytes < 64 || timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--pdus, --connections, --good-rate, --good-messages "
                    + "and --timeout-s must be > 0, --non-readers and --stallers >= 0, --heap-mb >= 64");
        }
        if (connections > 500 || nonReaders + stallers > 1_500) {
            throw new ParameterException(spec.commandLine(), "at most 500 --connections and 1500 --non-readers plus "
                    + "--stallers: the gateway's default listener cap is 2000 connections");
        }
        long s = seed != null ? seed : new SecureRandom().nextLong();
        return new FuzzRun.Settings(pdus, connections, s, nonReaders, stallers, goodRate, goodMessages,
                heapMegabytes, timeoutSeconds);
    }

    private Path prepareDir() throws IOException {
        if (dir == null) {
            return Files.createTempDirectory("edge-fuzz-");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new ParameterException(spec.commandLine(), "--dir " + dir + " is not empty");
                }
            }
        }
        return Files.createDirectories(dir).toAbsolutePath();
    }
}
