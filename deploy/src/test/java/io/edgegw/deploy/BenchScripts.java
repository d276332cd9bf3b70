package io.edgegw.deploy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** What the tests of the deploy/bench scripts share: the project's root, and an `edge` command on these classes. */
final class BenchScripts {
    private BenchScripts() {
    }

    /** The project's root, found by the script {@code relative} in it (surefire runs in deploy/; an IDE at the root). */
    static Path projectRoot(String relative) {
        for (Path p : List.of(Path.of(".."), Path.of("."))) {
            if (Files.isRegularFile(p.resolve(relative))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(relative + " not found from " + Path.of("").toAbsolutePath());
    }

    /**
     * Writes {@code dir/edge}: a script running {@link EdgeCommand} on this JVM's class path with its Chronicle flags,
     * so a script's gateway is the classes under test, not a jar ./edge would build.
     */
    static Path edgeCommand(Path dir) throws IOException {
        Path edge = dir.resolve("edge");
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList();
        Files.writeString(edge, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' "
                + String.join(" ", jvm) + " -cp '" + System.getProperty("java.class.path") + "' "
                + EdgeCommand.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(edge, PosixFilePermissions.fromString("rwx------"));
        return edge;
    }
}
