package io.edgegw.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * What the deploy tests that kill -9 or SIGTERM a gateway share: {@code edge up} launched as a process of its own on
 * this JVM's class path and flags, and the ports it says it listens on.
 */
final class LaunchedGateway {
    private static final Pattern LISTENING = Pattern.compile("^(smpp|admin) listening on [^:]+:(\\d+)$");

    private LaunchedGateway() {
    }

    /** {@code edge up --config config} in a JVM of its own (stderr discarded). */
    static Process spawn(Path config) throws IOException {
        return spawn(config, null);
    }

    /** As {@link #spawn(Path)}, its log (stderr) appended to {@code log}; null discards it. */
    static Process spawn(Path config, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EdgeCommand.class.getName());
        cmd.addAll(List.of("up", "--config", config.toString()));
        return new ProcessBuilder(cmd).redirectError(log == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Where smpp and admin listen, as the launcher says; its output is read to the end on a thread of its own. */
    static Map<String, Integer> listeners(Process gateway) {
        return listeners(gateway, line -> { });
    }

    /** As {@link #listeners(Process)}, every line it prints also handed to {@code lines} (on the reader thread). */
    static Map<String, Integer> listeners(Process gateway, Consumer<String> lines) {
        Map<String, Integer> ports = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.accept(line);
                    Matcher m = LISTENING.matcher(line.trim());
                    if (m.matches()) {
                        ports.put(m.group(1), Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException ended) {
                // the process was killed
            }
        }, "gateway-output");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> ports.size() == 2 || !gateway.isAlive());
        if (ports.size() < 2) {
            throw new IllegalStateException("the gateway process ended before listening: " + ports);
        }
        return ports;
    }
}
