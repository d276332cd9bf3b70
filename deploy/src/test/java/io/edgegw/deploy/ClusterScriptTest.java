package io.edgegw.deploy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/bench/cluster is not run here (it starts up to three gateways, Redis, HAProxy and 900,000 messages a
 * round): what is checked is cheap. It can be run, bash reads it, its header names every EDGE_BENCH_ variable it
 * reads, and its default ports are none another bench script uses, so two scripts can run side by side.
 */
class ClusterScriptTest {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(EDGE_BENCH_[A-Z_]+)");
    private static final Pattern PORT_DEFAULT = Pattern.compile("\\$\\{(EDGE_BENCH_[A-Z_]*PORT[A-Z_]*):-(\\d+)}");

    private final Path project = BenchScripts.projectRoot("deploy/bench/cluster");
    private final Path script = project.resolve("deploy/bench/cluster");

    @Test
    void theScriptIsExecutableAndBashReadsIt() throws Exception {
        assertTrue(Files.isExecutable(script), script + " is not executable");
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS), "bash -n did not end");
        assertEquals(0, bash.exitValue(), "bash -n " + script + ":\n" + out);
    }

    @Test
    void theHeaderNamesEveryVariableTheScriptReads() throws Exception {
        List<String> lines = Files.readAllLines(script);
        String header = lines.stream().skip(1).takeWhile(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
        String body = lines.stream().dropWhile(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
        Set<String> read = new TreeSet<>();
        for (Matcher m = VARIABLE.matcher(body); m.find(); ) {
            read.add(m.group(1));
        }
        assertTrue(read.contains("EDGE_BENCH_MESSAGES"), "the script reads EDGE_BENCH_MESSAGES: " + read);
        List<String> undocumented = read.stream().filter(v -> !header.contains(v)).toList();
        assertEquals(List.of(), undocumented, "variables deploy/bench/cluster reads and its header does not name");
    }

    @Test
    void itsDefaultPortsAreNoneAnotherBenchScriptUses() throws Exception {
        Set<Integer> ours = new TreeSet<>();
        for (Matcher m = PORT_DEFAULT.matcher(Files.readString(script)); m.find(); ) {
            int port = Integer.parseInt(m.group(2));
            ours.add(port);
            if (m.group(1).equals("EDGE_BENCH_INSTANCE_PORT")) { // instance i: this + 2i (SMPP), + 2i + 1 (admin)
                for (int i = 1; i < 6; i++) {
                    ours.add(port + i);
                }
            }
        }
        assertTrue(ours.size() >= 9, "HAProxy, SMSC, Redis and three instances' two ports each: " + ours);
        List<String> clashes = new ArrayList<>();
        try (Stream<Path> scripts = Files.list(project.resolve("deploy/bench"))) {
            for (Path other : scripts.filter(p -> !p.equals(script) && Files.isRegularFile(p)).toList()) {
                for (Matcher m = PORT_DEFAULT.matcher(Files.readString(other)); m.find(); ) {
                    if (ours.contains(Integer.parseInt(m.group(2)))) {
                        clashes.add(other.getFileName() + " " + m.group(1) + " " + m.group(2));
                    }
                }
            }
        }
        assertEquals(List.of(), clashes, "default ports deploy/bench/cluster shares with another script");
    }
}
