package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import static io.edgegw.core.testing.GatewayConfigs.carrier;
import static io.edgegw.core.testing.GatewayConfigs.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The defaults live on the records: the YAML and the tests' builders take them from there alike. */
class ConfigDefaultsTest {
    @Test
    void everySectionLeftOutIsItsRecordsDefaults() {
        GatewayConfig c = ConfigLoader.parse("");
        assertEquals(SmppServerConfig.DEFAULTS, c.smpp());
        assertEquals(AdminConfig.DEFAULTS, c.admin());
        assertEquals(StorageConfig.DEFAULTS, c.storage());
        assertEquals(PipelineConfig.DEFAULTS, c.pipeline());
        assertEquals(QualityConfig.DEFAULTS, c.quality());
        assertEquals(ShutdownConfig.DEFAULTS, c.shutdown());
    }

    @Test
    void aTenantOrCarrierGivenOnlyWhatIsRequiredIsTheSameFromTheYamlAndFromTheBuilder() {
        GatewayConfig c = ConfigLoader.parse("""
                tenants: [{id: t, systemId: t, password: pw}]
                carriers:
                  - {id: c, systemId: gw, password: pw, endpoints: [{host: h, port: 1}]}
                  - {id: slow, systemId: gw, password: pw, reconnectDelayMillis: 60000, endpoints: [{host: h, port: 2}]}
                """);
        assertEquals(tenant("t").build(), c.tenants().get(0));
        assertEquals(TenantConfig.DEFAULTS.limits(), c.tenants().get(0).limits());
        assertEquals(carrier("c").endpoint("h", 1).build(), c.carriers().get(0));
        assertEquals(carrier("slow").endpoint("h", 2).reconnectDelayMillis(60_000).build(), c.carriers().get(1),
                "the reconnect ceiling is never below the first delay, in both");
    }
}
