package io.edgegw.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.SecretResolver;
import io.edgegw.simulator.sip.TrunkConfig;
import io.edgegw.simulator.smsc.SmscConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's YAML file: the gateway's configuration plus an optional {@code simulators} section,
 * which only the launcher reads (simulated carriers embedded in the same process for {@code edge up}).
 * {@code simulatorAdminPorts} is parallel to {@code simulators}: each one's fault admin port, or null for none.
 * {@code sipTrunks} are the simulated SIP trunks of {@code simulators.sipTrunks}, by id in file order.
 */
public record EdgeConfigFile(GatewayConfig gateway, List<SmscConfig> simulators, List<Integer> simulatorAdminPorts,
                             java.util.Map<String, TrunkConfig> sipTrunks) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static EdgeConfigFile load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    public static EdgeConfigFile defaults() {
        try (InputStream in = EdgeConfigFile.class.getResourceAsStream("/edge.yaml")) {
            return parse(in, "edge.yaml (built in)");
        } catch (IOException e) {
            throw new ConfigException("edge.yaml (built in): " + e.getMessage());
        }
    }

    static EdgeConfigFile parse(InputStream in, String source) throws IOException {
        return parse(in, source, SecretResolver.ENVIRONMENT);
    }

    /**
     * As {@code edge up} reads a file, with {@code env:} secrets read from {@code secrets} instead of this process's
     * environment (the offline check of deploy/k8s reads them from the Secret's keys).
     */
    public static EdgeConfigFile parse(InputStream in, String source, SecretResolver secrets) throws IOException {
        JsonNode tree = YAML.readTree(in);
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": expected a YAML mapping at the top level");
        }
        List<SmscConfig> simulators = new ArrayList<>();
        List<Integer> adminPorts = new ArrayList<>();
        java.util.Map<String, TrunkConfig> trunks = new java.util.LinkedHashMap<>();
        JsonNode sims = ((ObjectNode) tree).remove("simulators");
        if (sims != null && sims.isObject()) {
            // the mapping form: { smscs: [...], sipTrunks: [...] }
            JsonNode sipTrunks = ((ObjectNode) sims).remove("sipTrunks");
            JsonNode smscs = ((ObjectNode) sims).remove("smscs");
            if (sims.size() > 0) {
                throw new ConfigException("simulators: unknown field '" + sims.fieldNames().next()
                        + "' (expected smscs, sipTrunks)");
            }
            sims = smscs;
            parseTrunks(sipTrunks, trunks);
        }
        if (sims != null) {
            if (!sims.isArray()) {
                throw new ConfigException("simulators: expected a list of simulated SMSCs, or { smscs, sipTrunks }");
            }
            for (int i = 0; i < sims.size(); i++) {
                try {
                    SimulatorSpec spec = YAML.treeToValue(sims.get(i), SimulatorSpec.class);
                    if (spec.adminPort() != null && (spec.adminPort() < 0 || spec.adminPort() > 65535)) {
                        throw new IllegalArgumentException("adminPort must be 0-65535 (was " + spec.adminPort() + ")");
                    }
                    simulators.add(spec.toSmscConfig());
                    adminPorts.add(spec.adminPort());
                } catch (IOException | IllegalArgumentException e) {
                    throw new ConfigException("simulators[" + i + "]: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        return new EdgeConfigFile(ConfigLoader.fromTree(tree, secrets), List.copyOf(simulators),
                java.util.Collections.unmodifiableList(adminPorts), // entries may be null: no admin
                java.util.Collections.unmodifiableMap(trunks));
    }

    private static void parseTrunks(JsonNode list, java.util.Map<String, TrunkConfig> trunks) {
        if (list == null) {
            return;
        }
        if (!list.isArray()) {
            throw new ConfigException("simulators.sipTrunks: expected a list");
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                SipTrunkSpec spec = YAML.treeToValue(list.get(i), SipTrunkSpec.class);
                if (trunks.putIfAbsent(spec.id(), spec.toTrunkConfig()) != null) {
                    throw new IllegalArgumentException("id '" + spec.id() + "' is used twice");
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("simulators.sipTrunks[" + i + "]: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }
}
