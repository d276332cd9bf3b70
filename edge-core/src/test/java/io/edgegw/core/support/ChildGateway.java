package io.edgegw.core.support;

import io.edgegw.core.spi.AckSink;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A gateway in a child JVM, for the kill -9 tests: a victim class ({@link CrashVictim}, {@link UsageCrashVictim})
 * starts it with this JVM's flags and class path, submits, and prints each acknowledged id as {@code ACK id}.
 */
public final class ChildGateway {
    private ChildGateway() {
    }

    /**
     * Runs {@code victim} with {@code args}, reads the ids it acknowledges until {@code until} of them or its end,
     * then SIGKILLs it (no shutdown hooks, no close) and returns them.
     */
    public static Set<String> runAndKill(Class<?> victim, int until, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(victim.getName());
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> acked = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while (acked.size() < until && (line = in.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
        }
        return acked;
    }

    /** What a victim acknowledges with: each id printed as {@code ACK id}, a refusal as {@code NACK status}. */
    public static AckSink printingAcks(PrintStream out) {
        return new AckSink() {
            @Override
            public void accepted(int sequenceNumber, String messageId) {
                out.println("ACK " + messageId);
            }

            @Override
            public void rejected(int sequenceNumber, int commandStatus) {
                out.println("NACK " + commandStatus);
            }

            @Override
            public void flush() {
            }
        };
    }
}
