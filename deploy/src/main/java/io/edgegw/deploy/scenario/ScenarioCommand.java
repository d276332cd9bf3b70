package io.edgegw.deploy.scenario;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code edge scenario NAME}: scripted runs against the real gateway that end in a one-line verdict
 * ({@link ScenarioResult}) and exit 0 on PASS, 1 on FAIL. Each scenario is a subcommand.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Run a scripted scenario against the real gateway on loopback and print a one-line verdict.",
        subcommands = {CrashCommand.class, NoisyNeighbourCommand.class, BurstCommand.class, CarrierLossCommand.class, ThrottlingCommand.class,
                SigtermCommand.class, FuzzCommand.class, ClusterCommand.class})
public final class ScenarioCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
