package io.edgegw.core.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Whether a TLS listener asks its clients for a certificate, and whether it refuses those without one. */
public enum TlsClientAuth {
    /** No certificate asked for. */
    NONE,
    /** Asked for; a client may send none, but one it sends must chain to the trusted certificates. */
    OPTIONAL,
    /** A client without a certificate from the trusted certificates is refused in the handshake. */
    REQUIRE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The value for a YAML name, or null when there is none. */
    public static TlsClientAuth fromYaml(String name) {
        for (TlsClientAuth a : values()) {
            if (a.yamlName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public static String yamlNames() {
        return Arrays.stream(values()).map(TlsClientAuth::yamlName).collect(Collectors.joining(", "));
    }
}
