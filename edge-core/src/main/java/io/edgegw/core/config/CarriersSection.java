package io.edgegw.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code carriers}: SMSCs reached over SMPP (endpoints, binds, credentials, limits, TLS), and connectors' trunks. */
final class CarriersSection {
    private static final int SMPP_SYSTEM_TYPE_MAX = 12;
    private static final List<String> KEYS = List.of("id", "endpoints", "bindsPerEndpoint", "systemId", "password",
            "systemType", "window", "enquireLinkSeconds", "responseTimeoutMillis", "reconnectDelayMillis",
            "maxSubmitsPerSecond", "bindMaxSubmitsPerSecond", "bindType", "reconnectMaxDelayMillis", "tls",
            "maxValiditySeconds", "defaultAlphabet", "longMessages");

    private CarriersSection() {
    }

    static List<CarrierConfig> read(List<ConfigNode> nodes, ConnectorSections connectors) {
        List<String> connectorKeys = connectors.carrierKeys();
        List<String> known = new ArrayList<>(KEYS);
        known.addAll(connectorKeys);
        known.add("receiptIds");
        List<CarrierConfig> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode c : nodes) {
            c.only(known);
            String id = c.identifier("id");
            if (!ids.add(id)) {
                throw c.bad("id", "duplicate carrier id '" + id + "'");
            }
            ConfigNode tlsNode = c.optionalChild("tls");
            CarrierTlsConfig tls = tlsNode == null ? null : tls(tlsNode);
            List<EndpointConfig> endpoints = endpoints(c, tls != null);
            Extensions extensions = connectors.carrier(c);
            if (endpoints.isEmpty() && extensions.isEmpty()) {
                throw c.bad("endpoints", "at least one endpoint is required" + (connectorKeys.isEmpty() ? ""
                        : " (or a " + String.join(" or ", connectorKeys) + " trunk for a carrier of calls only)"));
            }
            out.add(carrier(c, id, endpoints, extensions, tls));
        }
        return List.copyOf(out);
    }

    private static CarrierConfig carrier(ConfigNode c, String id, List<EndpointConfig> endpoints, Extensions extensions,
                                         CarrierTlsConfig tls) {
        CarrierConfig d = CarrierConfig.DEFAULTS;
        String smppCredentialDefault = endpoints.isEmpty() ? "" : null; // a SIP-only carrier binds no SMPP
        CarrierBindType bindType = c.choice("bindType", d.bindType());
        ReceiptIds receiptIds = c.choice("receiptIds", d.receiptIds());
        int reconnectDelay = c.integer("reconnectDelayMillis", d.reconnectDelayMillis(), 10, 600_000);
        int reconnectMax = c.integer("reconnectMaxDelayMillis",
                Math.max(d.reconnectMaxDelayMillis(), reconnectDelay), 10, 3_600_000);
        if (reconnectMax < reconnectDelay) {
            throw c.bad("reconnectMaxDelayMillis", "must be at least reconnectDelayMillis (" + reconnectDelay
                    + "; was " + reconnectMax + ")");
        }
        return new CarrierConfig(id, List.copyOf(endpoints), c.integer("bindsPerEndpoint", d.bindsPerEndpoint(), 1, 64),
                c.text("systemId", smppCredentialDefault, 1, TenantsSection.SMPP_SYSTEM_ID_MAX),
                c.secret("password", smppCredentialDefault, 1, TenantsSection.SMPP_PASSWORD_MAX),
                c.text("systemType", d.systemType(), 0, SMPP_SYSTEM_TYPE_MAX),
                c.integer("window", d.window(), 1, 10_000),
                c.integer("enquireLinkSeconds", d.enquireLinkSeconds(), 1, 3600),
                c.integer("responseTimeoutMillis", d.responseTimeoutMillis(), 100, 600_000), reconnectDelay,
                c.integer("maxSubmitsPerSecond", d.maxSubmitsPerSecond(), 0, 10_000_000),
                c.integer("bindMaxSubmitsPerSecond", d.bindMaxSubmitsPerSecond(), 0, 10_000_000), bindType,
                reconnectMax, extensions, receiptIds, tls,
                c.integer("maxValiditySeconds", d.maxValiditySeconds(), 0, 366 * 86_400),
                TenantsSection.defaultAlphabet(c), c.choice("longMessages", d.longMessages()));
    }

    /** A carrier with {@code tls} settings is reached over TLS unless an endpoint says otherwise. */
    private static List<EndpointConfig> endpoints(ConfigNode c, boolean tlsByDefault) {
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (ConfigNode e : c.list("endpoints")) {
            e.only("host", "port", "tls");
            endpoints.add(new EndpointConfig(e.required("host", 255), e.port("port", -1), e.bool("tls", tlsByDefault)));
        }
        return endpoints;
    }

    /** {@code carriers[].tls}: the trust and client certificate for the carrier's TLS endpoints. */
    private static CarrierTlsConfig tls(ConfigNode o) {
        o.only("trustedCertificates", "certificate", "privateKey", "verifyHostname");
        String certificate = o.optionalText("certificate", 4096);
        String key = o.optionalText("privateKey", 4096);
        if ((certificate == null) != (key == null)) {
            throw o.bad(certificate == null ? "certificate" : "privateKey",
                    "certificate and privateKey go together: give both or neither");
        }
        return new CarrierTlsConfig(o.optionalText("trustedCertificates", 4096), certificate, key,
                o.bool("verifyHostname", CarrierTlsConfig.DEFAULTS.verifyHostname()));
    }
}
