package io.edgegw.simulator.load;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code load}: plays a tenant against an SMPP server and prints the report. Exit 0 when every submitted
 * message was acknowledged and (with receipts requested) every acknowledged one got its receipt; 1 otherwise.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Generate SMPP submit_sm load as a tenant and report throughput, latency and receipts.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "SMPP server (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "2775", description = "SMPP port (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--system-id", defaultValue = "load", description = "system_id to bind with (default: ${DEFAULT-VALUE}).")
    String systemId;
    @Option(names = "--password", defaultValue = "", description = "Password to bind with.")
    String password;
    @Option(names = "--sessions", defaultValue = "1", description = "Transceiver binds (default: ${DEFAULT-VALUE}).")
    int sessions;
    @Option(names = "--messages", defaultValue = "10000", description = "submit_sm to send (a UDH part is one), 0 = rate x duration (default: ${DEFAULT-VALUE}).")
    long messages;
    @Option(names = "--duration-s", defaultValue = "0", description = "Stop submitting after this many seconds, 0 = no limit (default: ${DEFAULT-VALUE}).")
    long durationSeconds;
    @Option(names = "--rate", defaultValue = "0", description = "Target submit_sm/s across all sessions, 0 = as fast as windows allow (default: ${DEFAULT-VALUE}).")
    int rate;
    @Option(names = "--window", defaultValue = "10", description = "Outstanding submit_sm per session (default: ${DEFAULT-VALUE}).")
    int window;
    @Option(names = "--source", defaultValue = "1000", description = "source_addr (default: ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--dest-prefix", defaultValue = "4470", description = "Destination prefix (default: ${DEFAULT-VALUE}).")
    String destinationPrefix;
    @Option(names = "--dest-count", defaultValue = "1000000", description = "Distinct destination numbers after the prefix (default: ${DEFAULT-VALUE}).")
    int destinationCount;
    @Option(names = "--receipts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Request delivery receipts (registered_delivery 1) and wait for them (default: ${DEFAULT-VALUE}).")
    boolean receipts;
    @Option(names = "--receipt-timeout-s", defaultValue = "30", description = "Wait this long for outstanding receipts at the end (default: ${DEFAULT-VALUE}).")
    long receiptTimeoutSeconds;
    @Option(names = "--response-timeout-s", defaultValue = "10", description = "A submit_sm unanswered this long counts as timed out (default: ${DEFAULT-VALUE}).")
    long responseTimeoutSeconds;
    @Option(names = "--timeout-s", defaultValue = "600", description = "Hard cap on the whole run (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;
    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print a progress line every second (default: ${DEFAULT-VALUE}).")
    boolean progress;
    @Option(names = "--text-mix", paramLabel = "SPEC", defaultValue = "short=100",
            description = "Texts to send by weight: short (a short GSM text), long (300 GSM characters), unicode "
                    + "(100 UCS-2 units, data_coding 8), e.g. short=70,long=20,unicode=10 (default: ${DEFAULT-VALUE}).")
    String textMix;
    @Option(names = "--long-as", paramLabel = "payload|udh", defaultValue = "payload",
            description = "A long or unicode text goes as one submit_sm with message_payload, or as UDH-concatenated "
                    + "parts (8-bit reference, 153 GSM / 67 UCS-2 units each), one submit_sm per part, counted in "
                    + "--messages (default: ${DEFAULT-VALUE}).")
    String longAs;
    @Option(names = "--report", paramLabel = "FILE.html",
            description = "Also write the report with throughput and latency over time to this HTML file.")
    Path reportFile;

    private final PrintStream out;

    public LoadCommand() {
        this(System.out);
    }

    public LoadCommand(PrintStream out) {
        this.out = out;
    }

    LoadConfig toConfig() {
        return new LoadConfig(host, port, systemId, password, sessions, messages, durationSeconds, rate, window,
                source, destinationPrefix, destinationCount, receipts, receiptTimeoutSeconds, responseTimeoutSeconds,
                timeoutSeconds, progress, TextMix.parse(textMix, TextMix.LongForm.parse(longAs)));
    }

    @Override
    public Integer call() throws InterruptedException, IOException {
        LoadReport report;
        try {
            report = new LoadGenerator(toConfig(), out).run();
        } catch (BindRefusedException e) {
            out.println(e.getMessage());
            return 1;
        }
        out.println(report.toText());
        if (reportFile != null) {
            ReportPage.write(reportFile, "load report: " + systemId + " at " + host + ":" + port, report);
            out.println("report written to " + reportFile);
        }
        return report.success() ? 0 : 1;
    }
}
