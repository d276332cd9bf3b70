package io.edgegw.core.spi;

import io.edgegw.core.config.RouteConfig;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** A protocol connector (SMPP, SIP) started by the gateway; found through {@link ConnectorFactory} and ServiceLoader. */
public interface Connector extends AutoCloseable {
    /** Binds listeners and starts outbound binds; returns once listening. */
    void start() throws Exception;

    /** Where it listens once started, by name (e.g. {@code smpp}); ports are real even when configured as 0. */
    default Map<String, InetSocketAddress> listeners() {
        return Map.of();
    }

    /**
     * What operators see of it, by name: {@code GET /api/{name}} answers the view as JSON (maps, lists, text, numbers,
     * booleans, null). Built on each request, from the admin thread: reads only, lock-free.
     */
    default Map<String, Object> operatorViews() {
        return Map.of();
    }

    /**
     * The routes were reloaded ({@code POST /api/routes/reload}): already validated (every carrier and tenant they
     * name is running) and already in force for SMS. A connector that routes by them takes them from its next new
     * call on and answers true; the rest answer false. Called on the dispatcher's thread, one reload at a time: be
     * quick (build the table, swap a reference).
     */
    default boolean routesReplaced(List<RouteConfig> routes) {
        return false;
    }

    /**
     * The gateway begins to stop: take no new sessions, binds or calls (a new call is answered "try later") and tell
     * tenants' sessions to leave once what they submitted is answered (an SMPP unbind), so they can go elsewhere now;
     * what is under way at carriers goes on, their answers still flow. Returns at once. The core already answers new
     * submits ESME_RTHROTTLED. {@link #close} follows once everything has drained, or {@code shutdown.drainSeconds}
     * have passed.
     */
    default void stopIntake() {
    }

    /**
     * After {@link #stopIntake}: true once nothing under way would be cut short by {@link #close} now (a connector
     * whose traffic all goes through the core's dispatcher has nothing of its own: true). Any thread, cheap.
     */
    default boolean drained() {
        return true;
    }

    /**
     * Unbinds politely where it can (tenant sessions not yet gone once every submit they had in the core is answered,
     * then carrier binds), then releases threads; bounded, a peer that does not answer is cut off after a short wait.
     */
    @Override
    void close();
}
