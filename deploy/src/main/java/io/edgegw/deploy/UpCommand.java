package io.edgegw.deploy;

import io.edgegw.sip.config.SipConfig;
import io.edgegw.sip.config.SipTenant;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code edge up}: the gateway (and any simulated carriers of the config) until stopped. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Run the gateway from a YAML config (default: the built-in demo config with two simulated carriers).")
final class UpCommand implements Callable<Integer> {
    /** Beyond shutdown.drainSeconds, how long a stop may take before the watchdog halts the process. */
    private static final long STOP_MARGIN_SECONDS = 20;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config; see docs/CONFIGURATION.md")
    Path config;

    @Override
    public Integer call() throws Exception {
        EdgeConfigFile file;
        try {
            file = config == null ? EdgeConfigFile.defaults() : EdgeConfigFile.load(config);
        } catch (ConfigException e) {
            System.err.println("edge: config refused: " + e.getMessage());
            return 2;
        }
        EmbeddedCarriers carriers = EmbeddedCarriers.start(file);
        Gateway gateway;
        try {
            gateway = Gateway.start(file.gateway());
        } catch (RuntimeException e) {
            carriers.close();
            System.err.println("edge: gateway did not start: " + e.getMessage());
            return 1;
        }
        // POST /api/routes/reload reads the same file again
        gateway.reloadFrom(() -> (config == null ? EdgeConfigFile.defaults() : EdgeConfigFile.load(config)).gateway());
        // SIGTERM/SIGINT: the main thread stops everything below and exits 0; the hook only serves other exits
        StopSignals signals = StopSignals.install();
        Thread hook = new Thread(() -> {
            gateway.close();
            carriers.close();
        }, "edge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        for (SimulatedSmsc smsc : carriers.smscs()) {
            System.out.printf("simulated carrier %s listening on %s:%d%n", smsc.config().id(), smsc.config().host(), smsc.port());
        }
        carriers.trunks().forEach((id, trunk) -> System.out.printf("simulated SIP trunk %s listening on %s%n",
                id, trunk.listening()));
        carriers.admins().forEach((id, admin) -> System.out.printf(
                "simulated carrier %s faults: http://127.0.0.1:%d/faults%n", id, admin.port()));
        gateway.listeners().forEach((name, address) -> System.out.printf("%s listening on %s:%d%n",
                name, address.getHostString(), address.getPort()));
        for (TenantConfig tenant : file.gateway().tenants()) {
            System.out.printf("tenant %s binds with system_id '%s'%n", tenant.id(), tenant.systemId());
        }
        if (SipConfig.of(file.gateway()).enabled()) {
            for (TenantConfig tenant : file.gateway().tenants()) {
                if (!SipTenant.of(tenant).sipSources().isEmpty()) {
                    System.out.printf("tenant %s calls from %s%n", tenant.id(), SipTenant.of(tenant).sipSources());
                }
            }
        }
        System.out.println("queues in " + Path.of(file.gateway().storage().dir()).toAbsolutePath()
                + "; Ctrl-C stops (or SIGTERM)");
        String signal = signals.await();
        System.out.println("edge: " + signal + " received; stopping (at most shutdown.drainSeconds="
                + file.gateway().shutdown().drainSeconds() + " s for what is in flight)");
        StopSignals.watchdog(file.gateway().shutdown().drainSeconds() + STOP_MARGIN_SECONDS, TimeUnit.SECONDS);
        gateway.close();
        carriers.close();
        Runtime.getRuntime().removeShutdownHook(hook);
        System.out.println("edge: stopped " + signals.millisSinceSignal() + " ms after " + signal);
        return 0;
    }
}
