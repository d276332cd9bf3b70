package io.edgegw.core.support;

import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.ReceiptIds;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.testing.GatewayConfigs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
        return GatewayConfigs.gateway(dir).rollCycle(rollCycle)
                .tenant(GatewayConfigs.tenant("acme").window(10).numbers("1234"))
                .carrier(GatewayConfigs.carrier("telco").endpoint("127.0.0.1", 1).window(10).receiptIds(receiptIds))
                .route("44", "telco")
                .build();
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
