package io.edgegw.sipstack.transport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS files, all PEM. Server side (the TLS listener): {@code certChain} and {@code key} (PKCS#8), and when
 * {@code clientAuth} is not NONE the {@code clientTrust} bundle that client certificates must chain to. Client side
 * (connections we open, e.g. to trunks): {@code serverTrust} (null: the JDK's default trust store), an optional
 * {@code clientCertChain}/{@code clientKey} to present, and whether the server's certificate must name the host we
 * dialled ({@code verifyHostname}; an IP address must then be in its subjectAltName).
 */
public record TlsConfig(Path certChain, Path key, ClientAuth clientAuth, Path clientTrust,
                        Path serverTrust, Path clientCertChain, Path clientKey, boolean verifyHostname) {

    public static Builder builder() {
        return new Builder();
    }

    /** Throws naming the first bad field; {@code listening} says whether the server side is needed. */
    void validate(boolean listening) {
        if (listening) {
            requireFile("tls.certChain", certChain);
            requireFile("tls.key", key);
        }
        if (clientAuth == null) {
            throw new IllegalArgumentException("tls.clientAuth must be NONE, OPTIONAL or REQUIRE");
        }
        if (clientAuth != ClientAuth.NONE) {
            requireFile("tls.clientTrust (needed when tls.clientAuth is " + clientAuth + ")", clientTrust);
        }
        if (serverTrust != null) {
            requireFile("tls.serverTrust", serverTrust);
        }
        if ((clientCertChain == null) != (clientKey == null)) {
            throw new IllegalArgumentException("tls.clientCertChain and tls.clientKey go together: give both or neither");
        }
        if (clientCertChain != null) {
            requireFile("tls.clientCertChain", clientCertChain);
            requireFile("tls.clientKey", clientKey);
        }
    }

    private static void requireFile(String field, Path file) {
        if (file == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(field + " is not a readable file: " + file);
        }
    }

    public static final class Builder {
        private Path certChain;
        private Path key;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private Path clientTrust;
        private Path serverTrust;
        private Path clientCertChain;
        private Path clientKey;
        private boolean verifyHostname = true;

        public Builder server(Path certChain, Path key) {
            this.certChain = certChain;
            this.key = key;
            return this;
        }

        public Builder clientAuth(ClientAuth clientAuth, Path clientTrust) {
            this.clientAuth = clientAuth;
            this.clientTrust = clientTrust;
            return this;
        }

        public Builder serverTrust(Path serverTrust) {
            this.serverTrust = serverTrust;
            return this;
        }

        public Builder clientCertificate(Path clientCertChain, Path clientKey) {
            this.clientCertChain = clientCertChain;
            this.clientKey = clientKey;
            return this;
        }

        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(certChain, key, clientAuth, clientTrust, serverTrust, clientCertChain, clientKey,
                    verifyHostname);
        }
    }
}
