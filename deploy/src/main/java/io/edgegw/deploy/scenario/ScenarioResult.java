package io.edgegw.deploy.scenario;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one scenario run showed: its figures in print order, whether it passed, and, when it did not, what went
 * wrong in plain words. Every scenario ends by printing {@link #verdict()} and exiting with {@link #exitCode()}.
 */
public record ScenarioResult(String name, boolean passed, List<Figure> figures, List<String> problems) {
    /** One named figure of the verdict line, e.g. {@code lost=0} or {@code restart=812 ms}. */
    public record Figure(String name, String value) {
        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    public ScenarioResult {
        figures = List.copyOf(figures);
        problems = List.copyOf(problems);
    }

    public static Figure figure(String name, Object value) {
        return new Figure(name, String.valueOf(value));
    }

    /** One line: {@code crash: PASS acknowledged=10000 delivered=10000 lost=0 ...}. */
    public String verdict() {
        return name + ": " + (passed ? "PASS" : "FAIL")
                + figures.stream().map(f -> " " + f).collect(Collectors.joining());
    }

    public int exitCode() {
        return passed ? 0 : 1;
    }

    /** Prints each problem, then the verdict line; returns the exit code. How every scenario command ends. */
    public int report(PrintStream out) {
        problems.forEach(p -> out.println(name + ": " + p));
        out.println(verdict());
        return exitCode();
    }

    /** The value of the named figure. */
    public String value(String figureName) {
        return figures.stream().filter(f -> f.name().equals(figureName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no figure " + figureName + " in " + verdict()))
                .value();
    }
}
