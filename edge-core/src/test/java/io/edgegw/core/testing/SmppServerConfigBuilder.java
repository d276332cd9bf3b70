package io.edgegw.core.testing;

import io.edgegw.core.config.BindGuardConfig;
import io.edgegw.core.config.ProxyProtocolConfig;
import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.core.config.SmppTlsConfig;

/** A {@link SmppServerConfig} for a test: on an ephemeral 127.0.0.1 port, {@link SmppServerConfig#DEFAULTS} else. */
public final class SmppServerConfigBuilder {
    private static final SmppServerConfig D = SmppServerConfig.DEFAULTS;

    private String host = "127.0.0.1";
    private int port = 0;
    private int maxPduBytes = D.maxPduBytes();
    private int enquireLinkSeconds = D.enquireLinkSeconds();
    private int bindTimeoutSeconds = D.bindTimeoutSeconds();
    private int maxConnections = D.maxConnections();
    private int maxConnectionsPerSource = D.maxConnectionsPerSource();
    private int stalledPeerSeconds = D.stalledPeerSeconds();
    private BindGuardConfig bindGuard = D.bindGuard();
    private SmppTlsConfig tls = D.tls();
    private int tlsReloadSeconds = D.tlsReloadSeconds();
    private ProxyProtocolConfig proxyProtocol = D.proxyProtocol();

    SmppServerConfigBuilder() {
    }

    public SmppServerConfigBuilder host(String h) {
        host = h;
        return this;
    }

    public SmppServerConfigBuilder port(int p) {
        port = p;
        return this;
    }

    public SmppServerConfigBuilder maxPduBytes(int n) {
        maxPduBytes = n;
        return this;
    }

    public SmppServerConfigBuilder enquireLinkSeconds(int s) {
        enquireLinkSeconds = s;
        return this;
    }

    public SmppServerConfigBuilder bindTimeoutSeconds(int s) {
        bindTimeoutSeconds = s;
        return this;
    }

    /** Open connections at once, and from one address. */
    public SmppServerConfigBuilder connections(int max, int perSource) {
        maxConnections = max;
        maxConnectionsPerSource = perSource;
        return this;
    }

    public SmppServerConfigBuilder stalledPeerSeconds(int s) {
        stalledPeerSeconds = s;
        return this;
    }

    public SmppServerConfigBuilder bindGuard(BindGuardConfig g) {
        bindGuard = g;
        return this;
    }

    public SmppServerConfigBuilder bindGuard(BindGuardConfigBuilder g) {
        return bindGuard(g.build());
    }

    public SmppServerConfigBuilder tls(SmppTlsConfig t) {
        tls = t;
        return this;
    }

    public SmppServerConfigBuilder tlsReloadSeconds(int s) {
        tlsReloadSeconds = s;
        return this;
    }

    public SmppServerConfigBuilder proxyProtocol(ProxyProtocolConfig p) {
        proxyProtocol = p;
        return this;
    }

    public SmppServerConfig build() {
        return new SmppServerConfig(host, port, maxPduBytes, enquireLinkSeconds, bindTimeoutSeconds, maxConnections,
                maxConnectionsPerSource, stalledPeerSeconds, bindGuard, tls, tlsReloadSeconds, proxyProtocol);
    }
}
