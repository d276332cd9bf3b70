package io.edgegw.core.config;

/** Whether a TLS listener asks its clients for a certificate, and whether it refuses those without one. */
public enum TlsClientAuth {
    /** No certificate asked for. */
    NONE,
    /** Asked for; a client may send none, but one it sends must chain to the trusted certificates. */
    OPTIONAL,
    /** A client without a certificate from the trusted certificates is refused in the handshake. */
    REQUIRE;

    public String yamlName() {
        return ConfigNode.yamlName(this);
    }
}
