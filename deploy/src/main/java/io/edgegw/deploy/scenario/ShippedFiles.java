package io.edgegw.deploy.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The Redis and HAProxy files the project ships (deploy/redis/redis.conf, deploy/haproxy/haproxy.cfg), as the build
 * copied them into the jar, and the Debian binaries that run them. The cluster scenario runs these files with only
 * addresses, ports and directories changed, so what it proves holds for the files an operator installs.
 */
final class ShippedFiles {
    private ShippedFiles() {
    }

    static final Path REDIS = firstExecutable("/usr/bin/redis-server", "/usr/local/bin/redis-server",
            "/usr/sbin/redis-server");
    static final Path HAPROXY = firstExecutable("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy");

    private static Path firstExecutable(String... candidates) {
        return Stream.of(candidates).map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** The shipped file {@code name} (redis.conf or haproxy.cfg), as text. */
    static String text(String name) throws IOException {
        try (InputStream in = ShippedFiles.class.getResourceAsStream("shipped/" + name)) {
            if (in == null) {
                throw new IllegalStateException("shipped/" + name + " missing from the jar (deploy/pom.xml copies it)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code text} with {@code what} replaced; fails when the shipped file no longer has it. */
    static String replace(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("the shipped file no longer has '" + what + "'");
        }
        return text.replace(what, with);
    }
}
