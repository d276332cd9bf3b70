package io.edgegw.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Kubernetes config run as its pod runs it: {@code edge up} in a process of its own with the container's
 * environment (the StatefulSet's plain values and the Secret's keys from secrets.env.example), only its addresses,
 * ports and storage moved to loopback and a temporary directory. The probes' path answers, the metrics token the
 * scrape config sends is required, and SIGTERM ends it cleanly within the pod's grace period.
 */
class K8sPodConfigTest {
    private static final Path K8S = Path.of("..", "deploy", "k8s").toAbsolutePath().normalize();
    private Process gateway;

    @AfterEach
    void stop() throws InterruptedException {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shippedConfigAnswersTheProbesAndGuardsMetricsWithTheScrapeToken(@TempDir Path dir) throws Exception {
        String config = Files.readString(K8S.resolve("base/edge.yaml"));
        config = replaceOnce(config, "  host: 0.0.0.0                 # the pod's", "  host: 127.0.0.1  # the pod's");
        config = replaceOnce(config, "  host: 0.0.0.0                 # /health", "  host: 127.0.0.1  # /health");
        config = replaceOnce(config, "  port: 2775\n", "  port: 0\n");
        config = replaceOnce(config, "  port: 8080\n", "  port: 0\n");
        config = replaceOnce(config, "dir: /var/lib/edge/queues", "dir: " + dir.resolve("queues"));
        // no Redis here: a port nothing listens on (the instance starts and ships correlations once Redis answers)
        config = replaceOnce(config, "redis://edge-redis:6379", "redis://127.0.0.1:1");
        Path file = Files.writeString(dir.resolve("edge.yaml"), config);

        List<String> problems = new ArrayList<>();
        StatefulSet edge = K8sManifests.strictDocuments(Files.readString(K8S.resolve("base/statefulset.yaml")),
                "statefulset.yaml", problems).stream().map(StatefulSet.class::cast).findFirst().orElseThrow();
        assertEquals(List.of(), problems);
        Container container = edge.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : container.getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            } else if (e.getName().equals("EDGE_INSTANCE")) {
                env.put(e.getName(), "2"); // the pod-index label of the StatefulSet's third pod
            }
        }
        Map<String, String> secrets = secrets();
        env.putAll(secrets);
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString()); // the Dockerfile's /tmp/.cache

        gateway = spawn(file, env);
        int admin = LaunchedGateway.listeners(gateway).get("admin");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        for (var probe : List.of(container.getStartupProbe(), container.getReadinessProbe(),
                container.getLivenessProbe())) {
            HttpResponse<String> health = get(http, admin, probe.getHttpGet().getPath(), null);
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body().strip());
        }
        assertEquals(401, get(http, admin, "/metrics", null).statusCode(), "metrics without the scrape token");
        HttpResponse<String> metrics = get(http, admin, "/metrics", secrets.get("EDGE_METRICS_TOKEN"));
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("edge_storage_full"), "the gateway's own series");
        assertEquals(401, get(http, admin, "/api/status", null).statusCode(), "the API without the admin token");
        assertEquals(200, get(http, admin, "/api/status", secrets.get("EDGE_ADMIN_TOKEN")).statusCode());

        gateway.destroy(); // SIGTERM, as the kubelet sends after the preStop
        long grace = edge.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(gateway.waitFor(grace, TimeUnit.SECONDS), "still running after terminationGracePeriodSeconds");
        assertEquals(0, gateway.exitValue());
    }

    private static Map<String, String> secrets() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(K8S.resolve("secrets.env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return values;
    }

    /** {@code edge up --config file} as the image runs it, on this JVM's class path, with exactly {@code env}. */
    private static Process spawn(Path config, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(DockerfileCheck.launcherUpFlags(K8S.resolve("../../edge").normalize()));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EdgeCommand.class.getName());
        cmd.addAll(List.of("up", "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        String path = System.getenv("PATH");
        builder.environment().clear();
        builder.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, () -> "expected once in base/edge.yaml: " + from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
