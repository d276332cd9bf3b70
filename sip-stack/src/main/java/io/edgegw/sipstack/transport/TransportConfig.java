package io.edgegw.sipstack.transport;

import java.time.Duration;

/**
 * The SIP transports of one process: where they listen and every bound they keep. A port of -1 means that transport
 * does not listen (it can still send), 0 an ephemeral port. Built with {@link #builder()}; {@code build()} validates
 * and names the bad field.
 *
 * @param udpReaders UDP channels bound to the same port with SO_REUSEPORT so several event loops read (epoll only)
 * @param maxPendingBytes bytes queued toward one peer past which it is cut off (it does not read)
 */
public record TransportConfig(String host, int udpPort, int tcpPort, int tlsPort, TlsConfig tls,
                              int ioThreads, int udpReaders, boolean nativeTransport,
                              int maxMessageBytes, Duration messageReadTimeout, Duration idleTimeout,
                              Duration connectTimeout, int maxConnections, int maxConnectionsPerAddress,
                              int maxOutgoingConnections, int writeBufferLowWaterMark, int writeBufferHighWaterMark,
                              int maxPendingBytes, Duration unwritableTimeout) {

    public static Builder builder() {
        return new Builder();
    }

    public boolean listens(Transport transport) {
        return port(transport) >= 0;
    }

    int port(Transport transport) {
        return switch (transport) {
            case UDP -> udpPort;
            case TCP -> tcpPort;
            case TLS -> tlsPort;
        };
    }

    private void validate() {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("sip transport host is required (0.0.0.0 for every interface)");
        }
        port("udpPort", udpPort);
        port("tcpPort", tcpPort);
        port("tlsPort", tlsPort);
        if (tlsPort >= 0 && tls == null) {
            throw new IllegalArgumentException("sip transport tlsPort is set but tls (certificate and key) is not");
        }
        if (tls != null) {
            tls.validate(tlsPort >= 0);
        }
        range("ioThreads", ioThreads, 1, 256);
        range("udpReaders", udpReaders, 1, 64);
        range("maxMessageBytes", maxMessageBytes, 1024, 16 << 20);
        positive("messageReadTimeout", messageReadTimeout);
        positive("idleTimeout", idleTimeout);
        positive("connectTimeout", connectTimeout);
        positive("unwritableTimeout", unwritableTimeout);
        range("maxConnections", maxConnections, 1, 1_000_000);
        range("maxConnectionsPerAddress", maxConnectionsPerAddress, 1, maxConnections);
        range("maxOutgoingConnections", maxOutgoingConnections, 1, 1_000_000);
        range("writeBufferLowWaterMark", writeBufferLowWaterMark, 1024, writeBufferHighWaterMark);
        range("writeBufferHighWaterMark", writeBufferHighWaterMark, writeBufferLowWaterMark, 64 << 20);
        range("maxPendingBytes", maxPendingBytes, writeBufferHighWaterMark, 256 << 20);
        if (maxPendingBytes < maxMessageBytes) {
            throw new IllegalArgumentException("sip transport maxPendingBytes (" + maxPendingBytes
                    + ") must hold at least one message of maxMessageBytes (" + maxMessageBytes + ")");
        }
    }

    private static void port(String field, int value) {
        range(field, value, -1, 65535);
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("sip transport " + field + " must be between " + min + " and " + max
                    + ": " + value);
        }
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("sip transport " + field + " must be a positive duration: " + value);
        }
    }

    public static final class Builder {
        private String host = "0.0.0.0";
        private int udpPort = -1;
        private int tcpPort = -1;
        private int tlsPort = -1;
        private TlsConfig tls;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private int udpReaders = 1;
        private boolean nativeTransport = true;
        private int maxMessageBytes = 64 * 1024;
        private Duration messageReadTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofMinutes(3);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxConnections = 4096;
        private int maxConnectionsPerAddress = 64;
        private int maxOutgoingConnections = 1024;
        private int writeBufferLowWaterMark = 64 * 1024;
        private int writeBufferHighWaterMark = 256 * 1024;
        private int maxPendingBytes = 1024 * 1024;
        private Duration unwritableTimeout = Duration.ofSeconds(10);

        public Builder host(String host) { this.host = host; return this; }
        public Builder udp(int port) { this.udpPort = port; return this; }
        public Builder tcp(int port) { this.tcpPort = port; return this; }
        public Builder tls(int port, TlsConfig tls) { this.tlsPort = port; this.tls = tls; return this; }
        /** TLS settings for outgoing connections only, when this process does not listen on TLS. */
        public Builder tlsClient(TlsConfig tls) { this.tls = tls; return this; }
        public Builder ioThreads(int n) { this.ioThreads = n; return this; }
        public Builder udpReaders(int n) { this.udpReaders = n; return this; }
        public Builder nativeTransport(boolean on) { this.nativeTransport = on; return this; }
        public Builder maxMessageBytes(int n) { this.maxMessageBytes = n; return this; }
        public Builder messageReadTimeout(Duration d) { this.messageReadTimeout = d; return this; }
        public Builder idleTimeout(Duration d) { this.idleTimeout = d; return this; }
        public Builder connectTimeout(Duration d) { this.connectTimeout = d; return this; }
        public Builder maxConnections(int n) { this.maxConnections = n; return this; }
        public Builder maxConnectionsPerAddress(int n) { this.maxConnectionsPerAddress = n; return this; }
        public Builder maxOutgoingConnections(int n) { this.maxOutgoingConnections = n; return this; }
        public Builder writeBufferWaterMarks(int low, int high) {
            this.writeBufferLowWaterMark = low;
            this.writeBufferHighWaterMark = high;
            return this;
        }
        public Builder maxPendingBytes(int n) { this.maxPendingBytes = n; return this; }
        public Builder unwritableTimeout(Duration d) { this.unwritableTimeout = d; return this; }

        public TransportConfig build() {
            TransportConfig config = new TransportConfig(host, udpPort, tcpPort, tlsPort, tls, ioThreads, udpReaders,
                    nativeTransport, maxMessageBytes, messageReadTimeout, idleTimeout, connectTimeout, maxConnections,
                    maxConnectionsPerAddress, maxOutgoingConnections, writeBufferLowWaterMark,
                    writeBufferHighWaterMark, maxPendingBytes, unwritableTimeout);
            config.validate();
            return config;
        }
    }
}
