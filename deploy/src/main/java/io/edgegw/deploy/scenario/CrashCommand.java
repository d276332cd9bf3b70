package io.edgegw.deploy.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code edge scenario crash}: a simulated carrier in this process, the gateway as its own OS process, a tenant
 * submitting; the gateway is killed with SIGKILL once {@code --kill-after} messages are acknowledged, started again
 * on the same queue directory, and the run checks that every acknowledged message reached the carrier and every
 * receipt reached the tenant. Duplicates toward the carrier are allowed and counted.
 */
@Command(name = "crash", mixinStandardHelpOptions = true,
        description = "kill -9 the gateway under load, restart it on the same queues, verify nothing acknowledged was lost.")
final class CrashCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RestartOptions options;
    @Option(names = "--kill-after", defaultValue = "-1", paramLabel = "N",
            description = "kill -9 the gateway once N messages are acknowledged (default: half of --messages)")
    long killAfter;

    private final PrintStream out;

    CrashCommand() {
        this(System.out);
    }

    CrashCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return RestartOptions.report("crash", out, this::run);
    }

    /** Validates the options and runs the scenario; the directory is kept when asked for or when it fails. */
    CrashReport run() throws IOException, InterruptedException {
        long killAt = options.checkedThreshold(spec, killAfter, "--kill-after");
        return options.runInDir(spec, "crash", out, work -> new CrashRun(options, killAt, out).run(work));
    }
}
