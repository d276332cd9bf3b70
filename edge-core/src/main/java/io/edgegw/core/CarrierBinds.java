package io.edgegw.core;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.dispatch.Inbox;
import io.edgegw.core.metrics.GatewayMetrics;
import io.edgegw.core.spi.CarrierBind;
import io.micrometer.core.instrument.Meter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The carrier binds the connectors made: counted by state for the metrics, each with meters of its own while it
 * lives, and told to the dispatcher, which sends through them. Any thread.
 */
final class CarrierBinds {
    private final GatewayConfig config;
    private final GatewayMetrics metrics;
    private final Inbox dispatcher;
    private final Set<CarrierBind> binds = ConcurrentHashMap.newKeySet();
    private final Map<CarrierBind, List<Meter>> meters = new ConcurrentHashMap<>();

    CarrierBinds(GatewayConfig config, GatewayMetrics metrics, Inbox dispatcher) {
        this.config = config;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
        metrics.bindStates(config.carriers().stream().map(CarrierConfig::id).toList(), binds);
        metrics.windows(config.carriers(), binds);
    }

    void register(CarrierBind bind) {
        binds.add(bind);
        int window = config.carriers().stream().filter(c -> c.id().equals(bind.carrierId()))
                .mapToInt(CarrierConfig::window).findFirst().orElse(0);
        meters.put(bind, metrics.bindMeters(bind, window));
        dispatcher.register(bind);
    }

    void unregister(CarrierBind bind) {
        binds.remove(bind);
        List<Meter> gone = meters.remove(bind);
        if (gone != null) {
            metrics.remove(gone);
        }
        dispatcher.unregister(bind);
    }
}
