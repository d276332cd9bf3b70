package io.edgegw.deploy.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code edge scenario sigterm}: a simulated carrier in this process (answering each submit after
 * {@code --carrier-latency-ms}, with receipts), the gateway as its own OS process, a tenant submitting; the gateway
 * gets SIGTERM once {@code --stop-after} messages are acknowledged and its exit is timed; it is started again on the
 * same queue directory, and the run checks that every acknowledged message reached the carrier and every receipt
 * the tenant, that every submit taken was answered, and how many copies the carrier got beyond one per message.
 */
@Command(name = "sigterm", mixinStandardHelpOptions = true,
        description = "SIGTERM the gateway under load, time its exit, restart it on the same queues, verify nothing "
                + "acknowledged was lost and count duplicates.")
final class SigtermCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RestartOptions options;
    @Option(names = "--stop-after", defaultValue = "-1", paramLabel = "N",
            description = "SIGTERM the gateway once N messages are acknowledged (default: half of --messages)")
    long stopAfter;
    @Option(names = "--carrier-latency-ms", defaultValue = "50",
            description = "the carrier answers each submit_sm after this long, so some are in flight at the signal "
                    + "(default ${DEFAULT-VALUE})")
    long carrierLatencyMillis;
    @Option(names = "--drain-s", defaultValue = "5",
            description = "the gateway's shutdown.drainSeconds; the exit must come within it plus 2 s "
                    + "(default ${DEFAULT-VALUE})")
    int drainSeconds;

    private final PrintStream out;

    SigtermCommand() {
        this(System.out);
    }

    SigtermCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return RestartOptions.report("sigterm", out, this::run);
    }

    /** Validates the options and runs the scenario; the directory is kept when asked for or when it fails. */
    SigtermReport run() throws IOException, InterruptedException {
        long stopAt = options.checkedThreshold(spec, stopAfter, "--stop-after");
        if (carrierLatencyMillis < 0 || drainSeconds < 0 || drainSeconds > 600) {
            throw new ParameterException(spec.commandLine(), "--carrier-latency-ms must be >= 0; --drain-s 0..600");
        }
        return options.runInDir(spec, "sigterm", out,
                work -> new SigtermRun(options, stopAt, carrierLatencyMillis, drainSeconds, out).run(work));
    }
}
