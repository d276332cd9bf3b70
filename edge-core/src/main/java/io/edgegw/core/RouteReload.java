package io.edgegw.core;

import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;
import io.edgegw.core.dispatch.DispatcherControl;
import io.edgegw.core.route.RouteTable;
import io.edgegw.core.spi.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Routes read again from the configuration without a restart: checked against the carriers and tenants running,
 * taken by the dispatcher, then by every connector that routes (SIP). A file refused here changes neither.
 */
final class RouteReload {
    private static final Logger LOG = LoggerFactory.getLogger(RouteReload.class);

    private final GatewayConfig running;
    private final DispatcherControl dispatcher;
    /** The connectors by protocol, for a reload from the admin thread while they may still be starting. */
    private final Map<Connector, String> protocols = new ConcurrentHashMap<>();
    /** Where a reload reads the configuration again; null = not started from a file. */
    private volatile Supplier<GatewayConfig> source;

    RouteReload(GatewayConfig running, DispatcherControl dispatcher) {
        this.running = running;
        this.dispatcher = dispatcher;
    }

    void readFrom(Supplier<GatewayConfig> source) {
        this.source = source;
    }

    /** {@code connector} has started and takes reloaded routes from now on. */
    void connectorStarted(Connector connector, String protocol) {
        protocols.put(connector, protocol);
    }

    /** See {@link Gateway#reloadRoutes()}. */
    CompletableFuture<DispatcherControl.RoutesReplaced> reload() {
        Supplier<GatewayConfig> from = source;
        if (from == null) {
            throw new IllegalStateException("this gateway was not started from a configuration file");
        }
        List<RouteConfig> routes = List.copyOf(from.get().routes());
        check(routes);
        return dispatcher.routes(new RouteTable(routes)).thenApply(r -> r.with(toConnectors(routes)));
    }

    /** Every carrier and tenant the routes name must be running: they change only with a restart. */
    private void check(List<RouteConfig> routes) {
        Set<String> carriers = new HashSet<>();
        running.carriers().forEach(c -> carriers.add(c.id()));
        Set<String> tenantIds = new HashSet<>();
        running.tenants().forEach(t -> tenantIds.add(t.id()));
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig r = routes.get(i);
            for (RouteCandidate c : r.carriers()) {
                if (!carriers.contains(c.carrierId())) {
                    throw new ConfigException("routes[" + i + "]: carrier '" + c.carrierId() + "' is not running "
                            + "(carriers and tenants change only with a restart)");
                }
            }
            for (String t : r.tenants()) {
                if (!tenantIds.contains(t)) {
                    throw new ConfigException("routes[" + i + "]: tenant '" + t + "' is not running "
                            + "(carriers and tenants change only with a restart)");
                }
            }
        }
    }

    /** The protocols of the connectors that took {@code routes}; one that fails is logged and left out. */
    private List<String> toConnectors(List<RouteConfig> routes) {
        List<String> took = new ArrayList<>();
        protocols.forEach((connector, protocol) -> {
            try {
                if (connector.routesReplaced(routes)) {
                    took.add(protocol);
                }
            } catch (RuntimeException e) {
                LOG.warn("connector {} did not take the reloaded routes (it routes as before): {}", protocol,
                        e.toString());
            }
        });
        took.sort(null);
        return took;
    }
}
