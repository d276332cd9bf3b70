package io.edgegw.core.support;

import io.edgegw.core.config.AdminConfig;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.EndpointConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.PipelineConfig;
import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.config.RouteConfig;
import io.edgegw.core.config.SmppServerConfig;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.message.ShortMessage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** One tenant "acme" owning numbers starting 1234, one carrier "telco" routed for numbers starting 44, ephemeral ports, queues in {@code dir}. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static GatewayConfig oneTenantOneCarrier(Path dir) {
        return oneTenantOneCarrier(dir, StorageConfig.DEFAULT_ROLL_CYCLE);
    }

    /** @param rollCycle a Chronicle roll cycle name; tests may use the TEST_* ones the YAML refuses */
    public static GatewayConfig oneTenantOneCarrier(Path dir, String rollCycle) {
        return oneTenantOneCarrier(dir, rollCycle, ReceiptIds.AS_IS);
    }

    /** @param receiptIds how the carrier "telco" writes its receipt ids */
    public static GatewayConfig oneTenantOneCarrier(Path dir, ReceiptIds receiptIds) {
        return oneTenantOneCarrier(dir, StorageConfig.DEFAULT_ROLL_CYCLE, receiptIds);
    }

    private static GatewayConfig oneTenantOneCarrier(Path dir, String rollCycle, ReceiptIds receiptIds) {
        return new GatewayConfig(new SmppServerConfig("127.0.0.1", 0, 65536, 30, 10), new AdminConfig("127.0.0.1", 0),
                new StorageConfig(dir.toString(), 0, rollCycle, StorageConfig.DEFAULT_CORRELATION_RETENTION_HOURS),
                new PipelineConfig(1024, "blocking"),
                List.of(new TenantConfig("acme", "acme", "pw", 10, 10).withNumbers(List.of("1234"))),
                List.of(new CarrierConfig("telco", List.of(new EndpointConfig("127.0.0.1", 1)), 1, "gw", "pw", "",
                        10, 30, 10_000, 500).withReceiptIds(receiptIds)),
                List.of(new RouteConfig("44", List.of("telco"))));
    }

    public static ShortMessage sms(String dest, boolean receipt) {
        return sms(dest, receipt ? 1 : 0);
    }

    /** @param registeredDelivery the tenant's registered_delivery: 0 none, 1 always, 2 on failure only */
    public static ShortMessage sms(String dest, int registeredDelivery) {
        return new ShortMessage((byte) 1, (byte) 1, "12345", (byte) 1, (byte) 1, dest, (byte) 0, (byte) 0, (byte) 0,
                (byte) registeredDelivery, (byte) 0, "hello".getBytes(StandardCharsets.ISO_8859_1));
    }
}
