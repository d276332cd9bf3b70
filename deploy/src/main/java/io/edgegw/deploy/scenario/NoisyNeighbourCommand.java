package io.edgegw.deploy.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code edge scenario noisy-neighbour}: one tenant bursts 10x its carrier share while another sends steadily. */
@Command(name = "noisy-neighbour", mixinStandardHelpOptions = true,
        description = {"Tenant 'noisy' bursts far beyond its share of one simulated carrier while tenant 'steady'",
                "sends evenly; steady's submit->receipt p99 is measured alone and during the burst.",
                "PASS: steady never refused or lost, the burst wholly accepted, steady's p99 within 20%% of alone."})
public final class NoisyNeighbourCommand implements Callable<Integer> {
    private static final NoisyNeighbour.Settings D = NoisyNeighbour.Settings.defaults();

    @Option(names = "--carrier-window", description = "carrier window (default ${DEFAULT-VALUE})")
    int carrierWindow = D.carrierWindow();
    @Option(names = "--carrier-latency-ms", description = "carrier submit_sm_resp latency (default ${DEFAULT-VALUE})")
    long carrierLatencyMillis = D.carrierLatencyMillis();
    @Option(names = "--receipt-delay-ms", description = "carrier receipt delay (default ${DEFAULT-VALUE})")
    long receiptDelayMillis = D.receiptDelayMillis();
    @Option(names = "--steady-rate", description = "steady's msg/s (default ${DEFAULT-VALUE})")
    int steadyRate = D.steadyRate();
    @Option(names = "--seconds", description = "how long steady sends in each phase (default ${DEFAULT-VALUE})")
    int seconds = D.seconds();
    @Option(names = "--burst-rate", description = "noisy's msg/s, 0 = as fast as accepted (default ${DEFAULT-VALUE})")
    int burstRate = D.burstRate();
    @Option(names = "--burst-messages", description = "noisy's burst size (default ${DEFAULT-VALUE})")
    long burstMessages = D.burstMessages();
    @Option(names = "--warmup", description = "messages sent first and not measured (default ${DEFAULT-VALUE})")
    long warmup = D.warmupMessages();
    @Option(names = "--dir", description = "queue directory to use and keep (default: a temporary one, deleted)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path storage = dir != null ? dir : Files.createTempDirectory("edge-noisy-");
        try {
            NoisyNeighbour.Result r = NoisyNeighbour.run(new NoisyNeighbour.Settings(carrierWindow,
                    carrierLatencyMillis, receiptDelayMillis, steadyRate, seconds, burstRate, burstMessages, warmup),
                    storage, System.out);
            ScenarioResult result = r.toResult();
            return result.report(System.out);
        } finally {
            if (dir == null) {
                ScenarioFiles.deleteTree(storage);
            }
        }
    }

}
