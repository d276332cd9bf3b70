package io.edgegw.core.spi;

import io.edgegw.core.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;

/** What the core offers a connector. All methods are safe to call from any thread. */
public interface GatewayContext {
    GatewayConfig config();

    TenantDirectory tenants();

    SubmitIngress ingress();

    CarrierBindListener carrierListener();

    TenantReceiverListener receiverListener();

    /** A bind becomes eligible for traffic once registered and {@link CarrierBind#isReady()}. */
    void registerCarrierBind(CarrierBind bind);

    /** Call after reporting every in-flight submit of the bind as unanswered. */
    void unregisterCarrierBind(CarrierBind bind);

    void registerReceiver(TenantReceiver receiver);

    /** Call after reporting every in-flight delivery of the receiver as unanswered. */
    void unregisterReceiver(TenantReceiver receiver);

    MeterRegistry meters();

    /** Where answered calls are reported for usage metering (the usage journal); {@link CallUsage#NONE} without. */
    default CallUsage callUsage() {
        return CallUsage.NONE;
    }
}
