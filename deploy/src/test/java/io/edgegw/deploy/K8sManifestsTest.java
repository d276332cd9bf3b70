package io.edgegw.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The offline check of deploy/k8s and the Dockerfile ({@link K8sChecks}), run by {@code ./edge test} without a
 * cluster or Docker: the shipped files pass it, and each of its checks fails on a copy of the files broken the way
 * it guards against.
 */
class K8sManifestsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** What the check reads, copied for the breakage cases. */
    private static final List<String> FILES = List.of("deploy/k8s", "deploy/haproxy/haproxy.cfg", "Dockerfile",
            ".dockerignore", "edge", "deploy/pom.xml", "deploy/monitoring/edge-alerts.yml");

    @Test
    void shippedFilesPassTheOfflineCheck() {
        assertEquals(List.of(), K8sChecks.run(REPO).problems());
    }

    /** A file, a text in it, what it is replaced by, and a piece of the problem the check must then report. */
    record Breakage(String file, String from, String to, String reported) {
        @Override
        public String toString() {
            return file + ": '" + from.strip().lines().reduce((a, b) -> b).orElse("") + "' -> '"
                    + to.strip().lines().reduce((a, b) -> b).orElse("") + "'";
        }
    }

    static Stream<Breakage> breakages() {
        String sts = "deploy/k8s/base/statefulset.yaml";
        String config = "deploy/k8s/base/edge.yaml";
        return Stream.of(
                // fields the Kubernetes model does not know (kubectl would refuse them, or silently drop them)
                new Breakage(sts, "readinessProbe:", "readinesProbe:", "unknown field spec.template.spec.containers[0].readinesProbe"),
                new Breakage(sts, "  serviceName: edge", "  serviceName: edge\n  replica: 3", "unknown field spec.replica"),
                new Breakage(sts, "terminationGracePeriodSeconds: 40", "terminationGracePeriodSeconds: forty", "terminationGracePeriodSeconds"),
                new Breakage("deploy/k8s/base/kustomization.yaml", "configMapGenerator:", "configMapGenerators:", "configMapGenerators"),
                new Breakage("deploy/k8s/base/kustomization.yaml", "  - pdb.yaml", "  - pbd.yaml", "resource pbd.yaml does not exist"),
                // probes and ports against the config
                new Breakage(sts, "startupProbe:\n            httpGet:\n              path: /health", "startupProbe:\n            httpGet:\n              path: /healthz", "startupProbe asks /healthz"),
                new Breakage(sts, "containerPort: 8080", "containerPort: 8081", "container ports [2775, 8081] are not the config's listeners [2775, 8080]"),
                new Breakage(config, "  port: 8080", "  port: 8081", "readinessProbe port http is not the admin port 8081"),
                new Breakage(config, "enabled: false", "enabled: true\n  host: 10.0.0.1", "are not the config's listeners [2775, 5060, 8080]"),
                new Breakage(config, "host: 0.0.0.0                 # /health", "host: 127.0.0.1  # /health", "listens on 127.0.0.1"),
                new Breakage("deploy/k8s/base/service-lb.yaml", "targetPort: smpp", "targetPort: smtp", "targets smtp, which the container does not declare"),
                new Breakage("deploy/k8s/base/service-lb.yaml", "type: LoadBalancer", "type: NodePort", "no LoadBalancer Service"),
                // the config as the gateway reads it, and its secrets
                new Breakage(config, "sync: none", "sync: sometimes", "is refused by the gateway: storage.sync"),
                new Breakage("deploy/k8s/secrets.env.example", "EDGE_CARRIER_A_PASSWORD=changeme\n", "", "environment variable EDGE_CARRIER_A_PASSWORD is not set"),
                new Breakage("deploy/k8s/secrets.env.example", "EDGE_ADMIN_TOKEN=", "EDGE_ADMIN_TOKEN=short\n#", "admin.token: must be"),
                new Breakage("deploy/k8s/secrets.env.example", "EDGE_METRICS_TOKEN=", "EDGE_UNUSED=x\nEDGE_METRICS_TOKEN=", "are not the config's env: references"),
                new Breakage(sts, "name: edge-secrets", "name: edge-secret", "envFrom secrets [edge-secret] are not the generated Secrets [edge-secrets]"),
                new Breakage(config, "dir: /var/lib/edge/queues", "dir: var/queues", "storage.dir var/queues is relative"),
                new Breakage(config, "dir: /var/lib/edge/queues", "dir: /data/queues", "storage.dir /data/queues is not on a writable volume"),
                new Breakage(sts, "\"--config\", \"/etc/edge/edge.yaml\"", "\"--config\", \"/etc/edge/gateway.yaml\"", "not a generated ConfigMap holding gateway.yaml"),
                new Breakage(config, "drainSeconds: 10", "drainSeconds: 30", "terminationGracePeriodSeconds 40 is under preStop 5 s + shutdown.drainSeconds 30 s"),
                // security
                new Breakage(sts, "runAsNonRoot: true", "runAsNonRoot: false", "runAsNonRoot is not true"),
                new Breakage(sts, "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "readOnlyRootFilesystem is not true"),
                new Breakage(sts, "runAsUser: 10001", "runAsUser: 0", "runAsUser 0"),
                // names and selectors
                new Breakage("deploy/k8s/base/pdb.yaml", "    matchLabels:\n      app.kubernetes.io/name: edge\n      app.kubernetes.io/component: gateway",
                        "    matchLabels:\n      app.kubernetes.io/name: edge\n      app.kubernetes.io/component: gw", "no PodDisruptionBudget selects"),
                new Breakage("deploy/k8s/base/service-headless.yaml", "  name: edge\n", "  name: edge-headless\n", "expected one Service named edge"),
                new Breakage("deploy/haproxy/haproxy.cfg", "server edge-2 edge-2.edge:2775", "server edge-2 edge-2.gateway:2775", "backend smpp balances over"),
                new Breakage(sts, "replicas: 3", "replicas: 2", "the StatefulSet's pods are [edge-0.edge, edge-1.edge]"),
                new Breakage(sts, "replicas: 3", "replicas: 4", "cluster.instances is 3, the StatefulSet runs 4 pods"),
                new Breakage(sts, "- name: EDGE_INSTANCE", "- name: EDGE_ORDINAL", "environment variable EDGE_INSTANCE is not set"),
                new Breakage("deploy/k8s/base/edge.yaml", "instances: 3", "instances: 2", "cluster.instances is 2, the StatefulSet runs 3 pods"),
                new Breakage("deploy/k8s/base/edge.yaml", "redis://edge-redis:6379", "redis://redis:6379", "cluster.redis.uri is redis://redis:6379"),
                new Breakage("deploy/haproxy/haproxy.cfg", "check port 8080", "check port 9090", "haproxy.cfg checks port 9090"),
                // the image
                new Breakage("Dockerfile", "USER 10001:10001", "USER root", "is not a fixed non-root uid"),
                new Breakage("Dockerfile", "USER 10001:10001", "USER 10002", "USER 10002 is not the pod's runAsUser 10001"),
                new Breakage("Dockerfile", "\"-XX:GuaranteedSafepointInterval=0\", ", "", "ENTRYPOINT lacks -XX:GuaranteedSafepointInterval=0"),
                new Breakage("edge", "jvm=(-XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0)",
                        "jvm=(-XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0 -XX:+AlwaysPreTouch)", "ENTRYPOINT lacks -XX:+AlwaysPreTouch"),
                new Breakage("edge", "  up|demo|simulator|load)", "  run|demo|simulator|load)", "its flags for `up` are no longer where"),
                new Breakage("Dockerfile", "COPY deploy/target/edge.jar /opt/edge/edge.jar", "COPY deploy/target/edge.jar /opt/edge/app.jar", "no COPY deploy/target/edge.jar /opt/edge/edge.jar"),
                new Breakage("Dockerfile", "COPY deploy/target/lib/ /opt/edge/lib/", "COPY deploy/target/lib/ /opt/lib/", "no COPY deploy/target/lib/ /opt/edge/lib/"),
                new Breakage("Dockerfile", "EXPOSE 2775/tcp", "EXPOSE 2776/tcp", "lacks the container port 2775"),
                new Breakage("Dockerfile", "VOLUME /var/lib/edge", "VOLUME /var/lib/edge-data", "is not the pod's queue volume"),
                new Breakage("Dockerfile", "ENV XDG_CACHE_HOME=/tmp/.cache", "ENV XDG_CACHE_HOME=/opt/edge/.cache", "XDG_CACHE_HOME /opt/edge/.cache (where JNA unpacks its library) is on no writable mount"),
                new Breakage(".dockerignore", "!deploy/target/lib/", "", ".dockerignore keeps"),
                // redis, prometheus
                new Breakage("deploy/k8s/components/redis/redis.yaml", "\"--appendonly\", \"yes\"", "\"--appendonly\", \"no\"", "Redis runs without an append-only file"),
                new Breakage("deploy/k8s/prometheus/prometheus.yml", "_http._tcp", "_smpp._tcp", "prometheus.yml scrapes Service edge port smpp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void eachCheckFailsOnTheBreakageItGuardsAgainst(Breakage breakage, @TempDir Path copy) throws IOException {
        for (String f : FILES) {
            copyTree(REPO.resolve(f), copy.resolve(f));
        }
        Path file = copy.resolve(breakage.file());
        String text = Files.readString(file);
        assertTrue(text.contains(breakage.from()), () -> breakage.file() + " no longer holds: " + breakage.from());
        Files.writeString(file, text.replace(breakage.from(), breakage.to()));
        List<String> problems = K8sChecks.run(copy).problems();
        System.out.println(breakage + " -> " + problems);
        assertTrue(problems.stream().anyMatch(p -> p.contains(breakage.reported())),
                () -> "expected a problem with '" + breakage.reported() + "', got " + problems);
    }

    /** Debian's promtool (./edge test installs it) accepts the scrape config and the alert rules it names. */
    @Test
    void prometheusAcceptsTheScrapeConfig(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "a-metrics-token-of-some-length\n");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, K8sChecks.promtoolReady(
                Files.readString(REPO.resolve("deploy/k8s/prometheus/prometheus.yml")),
                REPO.resolve("deploy/monitoring/edge-alerts.yml"), token));
        Process promtool = new ProcessBuilder("promtool", "check", "config", config.toString())
                .redirectErrorStream(true).start();
        String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, promtool.exitValue(), out);
        assertTrue(out.contains("SUCCESS: 1 rule files found"), out);
    }

    /**
     * Where kubectl is installed (not by ./edge test: Debian's is 1.20, whose kustomize predates components), what
     * kustomize really builds from deploy/k8s is read strictly too, and the generated ConfigMap and Secret are the
     * files the check read, wired to the StatefulSet under their hashed names.
     */
    @Test
    void kustomizeBuildsWhatTheCheckRead(@TempDir Path copy) throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        copyTree(REPO.resolve("deploy/k8s"), copy.resolve("k8s"));
        Files.copy(copy.resolve("k8s/secrets.env.example"), copy.resolve("k8s/secrets.env"));
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", copy.resolve("k8s").toString()).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), err);

        List<String> problems = new ArrayList<>();
        List<Object> docs = K8sManifests.strictDocuments(out, "kubectl kustomize deploy/k8s", problems);
        assertEquals(List.of(), problems);
        ConfigMap config = only(docs, ConfigMap.class);
        Secret secret = only(docs, Secret.class);
        assertEquals(Files.readString(REPO.resolve("deploy/k8s/base/edge.yaml")), config.getData().get("edge.yaml"));
        Set<String> keys = new TreeSet<>();
        Files.readAllLines(REPO.resolve("deploy/k8s/secrets.env.example")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> keys.add(l.substring(0, l.indexOf('='))));
        assertEquals(keys, new TreeSet<>(secret.getData().keySet()));
        StatefulSet edge = docs.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(s -> s.getMetadata().getName().equals("edge")).findFirst().orElseThrow();
        var pod = edge.getSpec().getTemplate().getSpec();
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getConfigMap() != null
                && v.getConfigMap().getName().equals(config.getMetadata().getName())), "config volume not rewritten");
        assertEquals(secret.getMetadata().getName(),
                pod.getContainers().get(0).getEnvFrom().get(0).getSecretRef().getName());
        assertTrue(config.getMetadata().getName().startsWith("edge-config-"), config.getMetadata().getName());
    }

    private static <T> T only(List<Object> docs, Class<T> type) {
        List<T> found = docs.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        }
    }
}
