package io.edgegw.core.config;

/**
 * Tenant-facing SMPP listener.
 *
 * @param host            address to listen on
 * @param port            TCP port (0 picks an ephemeral port, for tests)
 * @param maxPduBytes     hard bound on command_length; larger PDUs get generic_nack ESME_RINVCMDLEN and the session closes
 * @param enquireLinkSeconds idle time after which the gateway sends enquire_link to the tenant
 * @param bindTimeoutSeconds time a new connection has to bind before it is closed
 * @param maxConnections  open connections the listener holds at once; beyond, a new connection is closed at accept
 * @param maxConnectionsPerSource open connections from one IP address at once; likewise
 * @param stalledPeerSeconds how long any SMPP peer (tenant or carrier) may leave the gateway's writes unread, its
 *                        reads paused meanwhile, before its connection is cut
 * @param bindGuard       how failed binds are throttled
 * @param tls             the TLS listener, or null for none
 * @param tlsReloadSeconds how often the TLS files (of {@code tls} and of every carrier's) are checked for changes, to
 *                        be read again for new connections; 0 = read once at start
 * @param proxyProtocol   the PROXY protocol on both listeners (behind a TCP load balancer); {@link
 *                        ProxyProtocolConfig#OFF} when absent
 */
public record SmppServerConfig(String host, int port, int maxPduBytes, int enquireLinkSeconds, int bindTimeoutSeconds,
                               int maxConnections, int maxConnectionsPerSource, int stalledPeerSeconds,
                               BindGuardConfig bindGuard, SmppTlsConfig tls, int tlsReloadSeconds,
                               ProxyProtocolConfig proxyProtocol) {
    public static final int DEFAULT_MAX_CONNECTIONS = 2000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_SOURCE = 100;
    public static final int DEFAULT_STALLED_PEER_SECONDS = 30;
    public static final int DEFAULT_TLS_RELOAD_SECONDS = 10;
    /** What every key left out of {@code smpp} takes. */
    public static final SmppServerConfig DEFAULTS = new SmppServerConfig("127.0.0.1", 2775, 65536, 30, 10,
            DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_SOURCE, DEFAULT_STALLED_PEER_SECONDS,
            BindGuardConfig.DEFAULTS, null, DEFAULT_TLS_RELOAD_SECONDS, ProxyProtocolConfig.OFF);

    /** Without TLS. */
    public SmppServerConfig(String host, int port, int maxPduBytes, int enquireLinkSeconds, int bindTimeoutSeconds,
                            int maxConnections, int maxConnectionsPerSource, int stalledPeerSeconds,
                            BindGuardConfig bindGuard) {
        this(host, port, maxPduBytes, enquireLinkSeconds, bindTimeoutSeconds, maxConnections, maxConnectionsPerSource,
                stalledPeerSeconds, bindGuard, null, DEFAULT_TLS_RELOAD_SECONDS, ProxyProtocolConfig.OFF);
    }

    /** The listener with the default connection caps, stall bound and bind guard. */
    public SmppServerConfig(String host, int port, int maxPduBytes, int enquireLinkSeconds, int bindTimeoutSeconds) {
        this(host, port, maxPduBytes, enquireLinkSeconds, bindTimeoutSeconds, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_SOURCE, DEFAULT_STALLED_PEER_SECONDS, BindGuardConfig.DEFAULTS);
    }

    public SmppServerConfig {
        bindGuard = bindGuard == null ? BindGuardConfig.DEFAULTS : bindGuard;
        proxyProtocol = proxyProtocol == null ? ProxyProtocolConfig.OFF : proxyProtocol;
    }

    /** The same listener with {@code tls} in place (null: none). */
    public SmppServerConfig withTls(SmppTlsConfig tls) {
        return new SmppServerConfig(host, port, maxPduBytes, enquireLinkSeconds, bindTimeoutSeconds, maxConnections,
                maxConnectionsPerSource, stalledPeerSeconds, bindGuard, tls, tlsReloadSeconds, proxyProtocol);
    }

    /** Whether the plain (not TLS) listener on {@code port} opens. */
    public boolean plainListener() {
        return tls == null || !tls.only();
    }
}
