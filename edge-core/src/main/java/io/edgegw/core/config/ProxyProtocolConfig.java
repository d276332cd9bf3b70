package io.edgegw.core.config;

import io.edgegw.core.tenant.Cidr;

import java.util.List;

/**
 * The PROXY protocol (v1 or v2) on a TCP listener behind a load balancer: {@code smpp.proxyProtocol},
 * {@code sip.proxyProtocol}.
 *
 * @param enabled             every connection must come from {@code trustedSources} and begin with a PROXY header
 * @param trustedSources      the balancers' addresses (IP or CIDR); any other connection is closed at accept, since
 *                            it could claim any client address
 * @param headerTimeoutMillis how long a trusted connection has to send its whole header before it is closed
 */
public record ProxyProtocolConfig(boolean enabled, List<String> trustedSources, int headerTimeoutMillis) {
    public static final int DEFAULT_HEADER_TIMEOUT_MILLIS = 3_000;
    public static final ProxyProtocolConfig OFF = new ProxyProtocolConfig(false, List.of(),
            DEFAULT_HEADER_TIMEOUT_MILLIS);

    public ProxyProtocolConfig {
        trustedSources = List.copyOf(trustedSources);
        if (enabled && trustedSources.isEmpty()) {
            throw new IllegalArgumentException("proxyProtocol.trustedSources: must name the balancers when enabled");
        }
    }

    /** The trusted sources, parsed. */
    public List<Cidr> trusted() {
        return trustedSources.stream().map(Cidr::parse).toList();
    }

    /** Reads a {@code proxyProtocol} mapping; absent: {@link #OFF}. */
    public static ProxyProtocolConfig read(ConfigNode o) {
        if (o == null) {
            return OFF;
        }
        o.only("enabled", "trustedSources", "headerTimeoutMillis");
        boolean enabled = o.bool("enabled", true);
        List<String> trusted = o.cidrs("trustedSources");
        if (enabled && trusted.isEmpty()) {
            throw o.bad("trustedSources", "must name the balancers' addresses when enabled (a PROXY header from "
                    + "anyone else could claim any client address)");
        }
        return new ProxyProtocolConfig(enabled, trusted,
                o.integer("headerTimeoutMillis", DEFAULT_HEADER_TIMEOUT_MILLIS, 100, 60_000));
    }
}
