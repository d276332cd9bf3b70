package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmppTlsConfigTest {
    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml)).getMessage();
    }

    @Test
    void withoutTlsKeysThereIsNoTlsListenerAndNoTlsEndpoint() {
        GatewayConfig c = ConfigLoader.parse("""
                carriers: [{ id: c, systemId: s, password: p, endpoints: [{ host: h, port: 1 }] }]
                """);
        assertNull(c.smpp().tls());
        assertTrue(c.smpp().plainListener());
        assertEquals(10, c.smpp().tlsReloadSeconds());
        assertFalse(c.carriers().get(0).endpoints().get(0).tls());
        assertNull(c.carriers().get(0).tls());
    }

    @Test
    void theListenersTlsKeysAreSipTlsKeysWithTheirDefaults() {
        SmppServerConfig s = ConfigLoader.parse("""
                smpp: { port: 2775, tlsReloadSeconds: 0,
                        tls: { certificate: /etc/edge/gw.pem, privateKey: /etc/edge/gw.key } }
                """).smpp();
        assertEquals(new SmppTlsConfig(3550, "/etc/edge/gw.pem", "/etc/edge/gw.key", TlsClientAuth.NONE, null, 10,
                false), s.tls());
        assertEquals(0, s.tlsReloadSeconds());
        assertTrue(s.plainListener());

        SmppServerConfig only = ConfigLoader.parse("""
                smpp: { tls: { port: 0, certificate: a, privateKey: b, clientAuth: require, trustedCertificates: ca,
                               handshakeTimeoutSeconds: 3, only: true } }
                """).smpp();
        assertEquals(TlsClientAuth.REQUIRE, only.tls().clientAuth());
        assertEquals("ca", only.tls().trustedCertificates());
        assertEquals(3, only.tls().handshakeTimeoutSeconds());
        assertFalse(only.plainListener());
    }

    @Test
    void badListenerTlsFieldsAreNamed() {
        assertTrue(refused("smpp: { tls: { privateKey: b } }").startsWith("smpp.tls.certificate: is required"));
        assertTrue(refused("smpp: { tls: { certificate: a, privateKey: b, clientAuth: always } }")
                .startsWith("smpp.tls.clientAuth: must be one of none, optional, require"));
        assertTrue(refused("smpp: { tls: { certificate: a, privateKey: b, clientAuth: optional } }")
                .startsWith("smpp.tls.trustedCertificates: is required when clientAuth is optional"));
        assertTrue(refused("smpp: { port: 2775, tls: { port: 2775, certificate: a, privateKey: b } }")
                .startsWith("smpp.tls.port: must differ from smpp.port"));
        assertTrue(refused("smpp: { tls: { certificate: a, privateKey: b, handshakeTimeoutSeconds: 0 } }")
                .startsWith("smpp.tls.handshakeTimeoutSeconds: must be 1-300"));
        assertTrue(refused("smpp: { tls: { certificate: a, privateKey: b, key: c } }")
                .startsWith("smpp.tls.key: unknown field"));
    }

    @Test
    void aCarrierWithTlsSettingsReachesItsEndpointsOverTlsUnlessOneSaysOtherwise() {
        CarrierConfig c = ConfigLoader.parse("""
                carriers:
                  - { id: c, systemId: s, password: p,
                      tls: { trustedCertificates: ca.pem, certificate: gw.pem, privateKey: gw.key, verifyHostname: false },
                      endpoints: [{ host: a, port: 1 }, { host: b, port: 2, tls: false }] }
                """).carriers().get(0);
        assertEquals(new CarrierTlsConfig("ca.pem", "gw.pem", "gw.key", false), c.tls());
        assertTrue(c.endpoints().get(0).tls());
        assertFalse(c.endpoints().get(1).tls());
        // the settings survive the record's other copies
        assertEquals(c.tls(), c.withBindType(CarrierBindType.SPLIT).withReceiptIds(ReceiptIds.AS_IS).tls());
    }

    @Test
    void anEndpointMayAskForTlsAloneWithTheJdksTrustAndHostNamesChecked() {
        CarrierConfig c = ConfigLoader.parse("""
                carriers: [{ id: c, systemId: s, password: p, endpoints: [{ host: a, port: 1, tls: true }] }]
                """).carriers().get(0);
        assertTrue(c.endpoints().get(0).tls());
        assertEquals(CarrierTlsConfig.DEFAULTS, c.tls());
        assertTrue(c.tls().verifyHostname());
        assertNull(c.tls().trustedCertificates());
    }

    @Test
    void badCarrierTlsFieldsAreNamed() {
        assertTrue(refused("""
                carriers: [{ id: c, systemId: s, password: p, tls: { certificate: gw.pem },
                             endpoints: [{ host: a, port: 1 }] }]
                """).startsWith("carriers[0].tls.privateKey: certificate and privateKey go together"));
        assertTrue(refused("""
                carriers: [{ id: c, systemId: s, password: p, endpoints: [{ host: a, port: 1, tls: yes please }] }]
                """).startsWith("carriers[0].endpoints[0].tls: must be true or false"));
        assertTrue(refused("""
                carriers: [{ id: c, systemId: s, password: p, tls: { trust: ca.pem }, endpoints: [{ host: a, port: 1 }] }]
                """).startsWith("carriers[0].tls.trust: unknown field"));
    }
}
