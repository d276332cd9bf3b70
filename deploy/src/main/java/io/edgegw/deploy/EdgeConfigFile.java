package io.edgegw.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
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
 */
public record EdgeConfigFile(GatewayConfig gateway, List<SmscConfig> simulators, List<Integer> simulatorAdminPorts) {
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
        JsonNode tree = YAML.readTree(in);
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(source + ": expected a YAML mapping at the top level");
        }
        List<SmscConfig> simulators = new ArrayList<>();
        List<Integer> adminPorts = new ArrayList<>();
        JsonNode sims = ((ObjectNode) tree).remove("simulators");
        if (sims != null) {
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
        return new EdgeConfigFile(ConfigLoader.fromTree(tree), List.copyOf(simulators),
                java.util.Collections.unmodifiableList(adminPorts)); // entries may be null: no admin
    }
}
