package io.edgegw.core.config;

/** {@code smpp}: the tenant-facing listener, its connection caps, bind guard and TLS listener. */
final class SmppServerSection {
    private SmppServerSection() {
    }

    static SmppServerConfig read(ConfigNode o) {
        o.only("host", "port", "maxPduBytes", "enquireLinkSeconds", "bindTimeoutSeconds", "maxConnections",
                "maxConnectionsPerSource", "stalledPeerSeconds", "bindGuard", "tls", "tlsReloadSeconds", "proxyProtocol");
        SmppServerConfig d = SmppServerConfig.DEFAULTS;
        int maxConnections = o.integer("maxConnections", d.maxConnections(), 1, 1_000_000);
        int perSource = o.integer("maxConnectionsPerSource", Math.min(maxConnections, d.maxConnectionsPerSource()),
                1, 1_000_000);
        if (perSource > maxConnections) {
            throw o.bad("maxConnectionsPerSource", "must be <= maxConnections " + maxConnections
                    + " (was " + perSource + ")");
        }
        ConfigNode tlsNode = o.optionalChild("tls");
        SmppTlsConfig tls = tlsNode == null ? null : tls(tlsNode);
        int port = o.port("port", d.port());
        if (tls != null && !tls.only() && port != 0 && tls.port() == port) {
            throw new ConfigException(o.path("tls") + ".port: must differ from smpp.port " + port
                    + " (or set tls.only: true for a TLS listener alone)");
        }
        return new SmppServerConfig(o.text("host", d.host(), 1, 255), port,
                o.integer("maxPduBytes", d.maxPduBytes(), 256, 16 * 1024 * 1024),
                o.integer("enquireLinkSeconds", d.enquireLinkSeconds(), 1, 3600),
                o.integer("bindTimeoutSeconds", d.bindTimeoutSeconds(), 1, 3600),
                maxConnections, perSource, o.integer("stalledPeerSeconds", d.stalledPeerSeconds(), 1, 3600),
                bindGuard(o.child("bindGuard")), tls, o.integer("tlsReloadSeconds", d.tlsReloadSeconds(), 0, 86_400),
                ProxyProtocolConfig.read(o.optionalChild("proxyProtocol")));
    }

    /** {@code smpp.tls}: the key names and meanings of {@code sip.tls}, plus the handshake bound and TLS-only. */
    static SmppTlsConfig tls(ConfigNode o) {
        o.only("port", "certificate", "privateKey", "clientAuth", "trustedCertificates", "handshakeTimeoutSeconds",
                "only");
        SmppTlsConfig d = SmppTlsConfig.DEFAULTS;
        TlsClientAuth clientAuth = o.choice("clientAuth", d.clientAuth());
        String trusted = o.optionalText("trustedCertificates", 4096);
        if (clientAuth != TlsClientAuth.NONE && trusted == null) {
            throw o.bad("trustedCertificates", "is required when clientAuth is " + clientAuth.yamlName());
        }
        return new SmppTlsConfig(o.port("port", d.port()), o.required("certificate", 4096),
                o.required("privateKey", 4096), clientAuth, trusted,
                o.integer("handshakeTimeoutSeconds", d.handshakeTimeoutSeconds(), 1, 300), o.bool("only", d.only()));
    }

    /** {@code smpp.bindGuard}: how failed binds are slowed and locked out. */
    static BindGuardConfig bindGuard(ConfigNode o) {
        o.only("freeFailures", "firstDelayMillis", "maxDelayMillis", "lockoutFailures", "systemIdLockoutFailures",
                "lockoutSeconds", "failuresPerSession");
        BindGuardConfig d = BindGuardConfig.DEFAULTS;
        int first = o.integer("firstDelayMillis", d.firstDelayMillis(), 1, 60_000);
        int max = o.integer("maxDelayMillis", Math.max(first, d.maxDelayMillis()), 1, 60_000);
        if (max < first) {
            throw o.bad("maxDelayMillis", "must be >= firstDelayMillis " + first + " (was " + max + ")");
        }
        return new BindGuardConfig(o.integer("freeFailures", d.freeFailures(), 0, 1000), first, max,
                o.integer("lockoutFailures", d.lockoutFailures(), 1, 1_000_000),
                o.integer("systemIdLockoutFailures", d.systemIdLockoutFailures(), 1, 1_000_000),
                o.integer("lockoutSeconds", d.lockoutSeconds(), 1, 86_400),
                o.integer("failuresPerSession", d.failuresPerSession(), 1, 100));
    }
}
