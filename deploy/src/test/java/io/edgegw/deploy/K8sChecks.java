package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.SecretResolver;
import io.edgegw.sip.config.SipConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline check of the container and Kubernetes files (deploy/k8s, Dockerfile), without a cluster or Docker:
 * every manifest a kustomization lists is read strictly into the Kubernetes API model (fabric8), so a misspelt or
 * misplaced field is an error, and the pieces are checked against each other and against what the gateway really
 * does: the config loads as {@code edge up} loads it, with the Secret's keys as its environment; probes, ports and
 * mounts match the config; names match deploy/haproxy/haproxy.cfg; the image runs {@code ./edge}'s JVM flags as a
 * non-root user. Each check adds a sentence to {@link #problems()} instead of stopping at the first.
 */
final class K8sChecks {
    private final Path repo;
    private final List<String> problems = new ArrayList<>();
    private final K8sManifests manifests;
    private final List<Object> resources;
    private final Map<String, Path> configMapFiles;
    private final Map<String, Path> secretEnvFiles;

    private K8sChecks(Path repo) {
        this.repo = repo;
        this.manifests = new K8sManifests(repo, problems);
        this.resources = manifests.resources;
        this.configMapFiles = manifests.configMapFiles;
        this.secretEnvFiles = manifests.secretEnvFiles;
    }

    /** Runs every check on the repository (or a copy of its deployment files) at {@code repo}. */
    static K8sChecks run(Path repo) {
        K8sChecks checks = new K8sChecks(repo);
        try {
            checks.all();
        } catch (IOException | RuntimeException e) {
            checks.problem("the check itself failed: " + e);
        }
        return checks;
    }

    List<String> problems() {
        return problems;
    }

    private void problem(String text) {
        problems.add(text);
    }

    private void all() throws IOException {
        manifests.readKustomization(repo.resolve("deploy/k8s"), "deploy/k8s");
        StatefulSet edge = manifests.one(StatefulSet.class, "edge");
        if (edge == null) {
            return;
        }
        PodSpec pod = edge.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> secrets = manifests.secretValues();
        GatewayConfig config = gatewayConfig(edge, container, podEnvironment(container, secrets));
        checkSecretKeys(container, secrets);
        if (config != null) {
            checkCluster(edge, config);
            checkPortsAndProbes(container, config);
            checkStorageAndMounts(edge, container, config);
            checkStopTime(pod, container, config);
        }
        checkSecurity(pod, container);
        checkServicesAndBudget(edge, container);
        checkHaproxy(edge, container, config);
        DockerfileCheck.check(repo, pod, container, problems);
        checkRedis(config);
        checkPrometheus(container);
    }

    /** The ConfigMap's file the container is started with, loaded as {@code edge up --config} loads it. */
    private GatewayConfig gatewayConfig(StatefulSet edge, Container container, Map<String, String> secrets)
            throws IOException {
        List<String> args = container.getArgs();
        int at = args == null ? -1 : args.indexOf("--config");
        if (at < 0 || at + 1 >= args.size() || !args.get(0).equals("up")) {
            problem("container args must be [up, --config, FILE], are " + args);
            return null;
        }
        Path configPath = Path.of(args.get(at + 1));
        VolumeMount mount = mountOf(container, configPath.toString());
        if (mount == null) {
            problem("--config " + configPath + " is under no volume mount");
            return null;
        }
        String configMap = edge.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName()) && v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName()).findFirst().orElse(null);
        Path file = configMapFiles.get(configMap + "/" + configPath.getFileName());
        if (file == null) {
            problem("--config " + configPath + ": mount " + mount.getName() + " is not a generated ConfigMap holding "
                    + configPath.getFileName() + " (generated: " + configMapFiles.keySet() + ")");
            return null;
        }
        try {
            EdgeConfigFile loaded = EdgeConfigFile.parse(new ByteArrayInputStream(Files.readAllBytes(file)),
                    file.toString(), SecretResolver.of(secrets));
            if (!loaded.simulators().isEmpty() || !loaded.sipTrunks().isEmpty()) {
                problem(file + ": simulated carriers have no place in a deployment");
            }
            return loaded.gateway();
        } catch (ConfigException e) {
            problem(repo.relativize(file) + " is refused by the gateway: " + e.getMessage());
            return null;
        }
    }

    /**
     * What the container's process sees as its environment: the Secret's keys, and the container's own env entries
     * (one taken from the pod, such as its ordinal or name, as pod 0 has it).
     */
    private static Map<String, String> podEnvironment(Container container, Map<String, String> secrets) {
        Map<String, String> env = new java.util.HashMap<>(secrets);
        for (io.fabric8.kubernetes.api.model.EnvVar e : containerEnv(container)) {
            String value = e.getValue();
            if (value == null && e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null) {
                String field = e.getValueFrom().getFieldRef().getFieldPath();
                value = field.contains("pod-index") ? "0" : field.equals("metadata.name") ? "edge-0" : "";
            }
            env.put(e.getName(), value == null ? "" : value);
        }
        return env;
    }

    private static List<io.fabric8.kubernetes.api.model.EnvVar> containerEnv(Container container) {
        return Objects.requireNonNullElse(container.getEnv(), List.of());
    }

    /** The config counts as many instances as the StatefulSet runs, and each takes its ordinal from the pod. */
    private void checkCluster(StatefulSet edge, GatewayConfig config) {
        int replicas = edge.getSpec().getReplicas();
        if (config.cluster().instances() != replicas) {
            problem("cluster.instances is " + config.cluster().instances() + ", the StatefulSet runs " + replicas
                    + " pods: carriers' and tenants' budgets would not add up");
        }
    }

    /**
     * The config's env: references are the Secret's keys and the container's own env entries (its ordinal), and every
     * Secret key is referenced and reaches the container.
     */
    private void checkSecretKeys(Container container, Map<String, String> secrets) throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Path file : configMapFiles.values()) {
            envReferences(K8sManifests.YAML.readTree(file.toFile()), referenced);
        }
        Set<String> fromPod = new TreeSet<>();
        containerEnv(container).forEach(e -> fromPod.add(e.getName()));
        Set<String> notSecret = new TreeSet<>(referenced);
        notSecret.removeAll(secrets.keySet());
        notSecret.removeAll(fromPod);
        if (!referenced.containsAll(secrets.keySet()) || !notSecret.isEmpty()) {
            problem("the Secret's keys " + new TreeSet<>(secrets.keySet()) + " are not the config's env: references "
                    + referenced + " less the container's own env " + fromPod);
        }
        Set<String> fromSecrets = new TreeSet<>();
        Objects.requireNonNullElse(container.getEnvFrom(), List.<io.fabric8.kubernetes.api.model.EnvFromSource>of())
                .forEach(e -> {
                    if (e.getSecretRef() != null) {
                        fromSecrets.add(e.getSecretRef().getName());
                    }
                });
        if (!fromSecrets.equals(new TreeSet<>(secretEnvFiles.keySet()))) {
            problem("the container's envFrom secrets " + fromSecrets + " are not the generated Secrets "
                    + secretEnvFiles.keySet());
        }
    }

    private static void envReferences(JsonNode node, Set<String> into) {
        if (node.isTextual() && node.asText().startsWith(SecretResolver.ENV_PREFIX)) {
            into.add(node.asText().substring(SecretResolver.ENV_PREFIX.length()));
        }
        node.forEach(child -> envReferences(child, into));
    }

    // ---- ports, probes, storage, stop

    /** The TCP ports the gateway listens on with this config, by container port name. */
    static Set<Integer> listenerPorts(GatewayConfig config) {
        Set<Integer> ports = new TreeSet<>();
        if (config.smpp().tls() == null || !config.smpp().tls().only()) {
            ports.add(config.smpp().port());
        }
        if (config.smpp().tls() != null) {
            ports.add(config.smpp().tls().port());
        }
        ports.add(config.admin().port());
        SipConfig sip = SipConfig.of(config);
        if (sip.enabled()) {
            ports.add(sip.port());
            if (sip.tls() != null) {
                ports.add(sip.tls().port());
            }
        }
        return ports;
    }

    private void checkPortsAndProbes(Container container, GatewayConfig config) {
        Set<Integer> declared = new TreeSet<>();
        container.getPorts().forEach(p -> declared.add(p.getContainerPort()));
        if (!declared.equals(listenerPorts(config))) {
            problem("container ports " + declared + " are not the config's listeners " + listenerPorts(config));
        }
        for (String host : List.of(config.smpp().host(), config.admin().host())) {
            if (host.startsWith("127.") || host.equals("localhost") || host.equals("::1")) {
                problem("the config listens on " + host + ": nothing outside the pod (Services, probes) reaches it");
            }
        }
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startupProbe", container.getStartupProbe());
        probes.put("readinessProbe", container.getReadinessProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        probes.forEach((name, probe) -> {
            HTTPGetAction get = probe == null ? null : probe.getHttpGet();
            if (get == null) {
                problem(name + ": missing, or not an HTTP GET");
                return;
            }
            if (!"/health".equals(get.getPath())) {
                problem(name + " asks " + get.getPath() + ", not /health");
            }
            Integer port = portNumber(container, get.getPort());
            if (port == null || port != config.admin().port()) {
                problem(name + " port " + get.getPort().getValue() + " is not the admin port "
                        + config.admin().port() + " of the config");
            }
        });
    }

    private static Integer portNumber(Container container, IntOrString port) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    static VolumeMount mountOf(Container container, String path) {
        return container.getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
                .findFirst().orElse(null);
    }

    private void checkStorageAndMounts(StatefulSet edge, Container container, GatewayConfig config) {
        String dir = config.storage().dir();
        if (!dir.startsWith("/")) {
            problem("storage.dir " + dir + " is relative: it would land on the image's read-only file system");
            return;
        }
        VolumeMount mount = mountOf(container, dir);
        Set<String> claims = new TreeSet<>();
        edge.getSpec().getVolumeClaimTemplates().forEach(c -> claims.add(c.getMetadata().getName()));
        if (mount == null || !claims.contains(mount.getName()) || Boolean.TRUE.equals(mount.getReadOnly())) {
            problem("storage.dir " + dir + " is not on a writable volume of the pod's own (volumeClaimTemplates "
                    + claims + ")");
        }
        if (mountOf(container, "/tmp") == null) {
            problem("/tmp is not a volume: with a read-only root file system the JVM cannot write there");
        }
    }

    private void checkStopTime(PodSpec pod, Container container, GatewayConfig config) {
        long preStop = 0;
        if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
            problem("no preStop: the balancers may still send connections to a stopping pod");
        } else if (container.getLifecycle().getPreStop().getExec() != null) {
            List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
            if (command.size() == 2 && command.get(0).equals("sleep") && command.get(1).matches("\\d+")) {
                preStop = Long.parseLong(command.get(1));
            } else {
                problem("preStop " + command + ": expected [sleep, SECONDS]");
            }
        }
        long needed = preStop + config.shutdown().drainSeconds() + stopMarginSeconds();
        Long grace = pod.getTerminationGracePeriodSeconds();
        if (grace == null || grace < needed) {
            problem("terminationGracePeriodSeconds " + grace + " is under preStop " + preStop
                    + " s + shutdown.drainSeconds " + config.shutdown().drainSeconds() + " s + the launcher's margin "
                    + stopMarginSeconds() + " s = " + needed + " s: the kubelet would kill a gateway still draining");
        }
    }

    private static long stopMarginSeconds() {
        try {
            Field f = UpCommand.class.getDeclaredField("STOP_MARGIN_SECONDS");
            f.setAccessible(true);
            return f.getLong(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("UpCommand.STOP_MARGIN_SECONDS moved: " + e);
        }
    }

    // ---- security

    private void checkSecurity(PodSpec pod, Container container) {
        var podSc = pod.getSecurityContext();
        var sc = container.getSecurityContext();
        boolean nonRoot = (podSc != null && Boolean.TRUE.equals(podSc.getRunAsNonRoot()))
                || (sc != null && Boolean.TRUE.equals(sc.getRunAsNonRoot()));
        if (!nonRoot) {
            problem("runAsNonRoot is not true");
        }
        Long uid = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser()
                : podSc == null ? null : podSc.getRunAsUser();
        if (uid == null || uid == 0) {
            problem("runAsUser " + uid + ": not a fixed non-root uid");
        }
        if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            problem("readOnlyRootFilesystem is not true");
        }
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            problem("allowPrivilegeEscalation is not false");
        }
    }

    // ---- services, disruption budget, haproxy

    private void checkServicesAndBudget(StatefulSet edge, Container container) {
        Map<String, String> podLabels = edge.getSpec().getTemplate().getMetadata().getLabels();
        if (!podLabels.entrySet().containsAll(edge.getSpec().getSelector().getMatchLabels().entrySet())) {
            problem("the StatefulSet's selector does not select its own pods");
        }
        Service headless = manifests.one(Service.class, edge.getSpec().getServiceName());
        if (headless != null && !"None".equals(headless.getSpec().getClusterIP())) {
            problem("Service " + headless.getMetadata().getName() + " (the StatefulSet's serviceName) is not headless");
        }
        List<Service> gatewayServices = resources.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> s.getSpec().getSelector() != null
                        && s.getSpec().getSelector().equals(edge.getSpec().getSelector().getMatchLabels()))
                .toList();
        for (Service s : resources.stream().filter(Service.class::isInstance).map(Service.class::cast).toList()) {
            Map<String, String> selector = s.getSpec().getSelector();
            boolean forGateway = selector != null && selector.entrySet().stream()
                    .anyMatch(e -> e.getKey().equals("app.kubernetes.io/name") && e.getValue().equals("edge"));
            if (forGateway && !podLabels.entrySet().containsAll(selector.entrySet())) {
                problem("Service " + s.getMetadata().getName() + " selects " + selector + ", not the gateway's pods "
                        + podLabels);
            }
        }
        if (gatewayServices.stream().noneMatch(s -> "LoadBalancer".equals(s.getSpec().getType()))) {
            problem("no LoadBalancer Service selects the gateway's pods");
        }
        for (Service s : gatewayServices) {
            for (ServicePort p : s.getSpec().getPorts()) {
                IntOrString target = p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
                if (portNumber(container, target) == null
                        || container.getPorts().stream().noneMatch(c -> c.getContainerPort().equals(
                        portNumber(container, target)))) {
                    problem("Service " + s.getMetadata().getName() + " port " + p.getName() + " targets "
                            + target.getValue() + ", which the container does not declare");
                }
            }
        }
        List<PodDisruptionBudget> budgets = resources.stream().filter(PodDisruptionBudget.class::isInstance)
                .map(PodDisruptionBudget.class::cast).toList();
        if (budgets.stream().noneMatch(b -> b.getSpec().getSelector() != null
                && podLabels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()))) {
            problem("no PodDisruptionBudget selects the gateway's pods " + podLabels);
        }
    }

    private static final Pattern SERVER = Pattern.compile("^\\s*server\\s+(\\S+)\\s+([^:\\s]+):(\\d+)");
    private static final Pattern BACKEND = Pattern.compile("^\\s*backend\\s+(\\S+)");
    private static final Pattern CHECK_PORT = Pattern.compile("^\\s*default-server\\s.*\\bcheck\\s+port\\s+(\\d+)");

    /** haproxy.cfg's servers are edge-N.edge: pod N of the StatefulSet through its headless Service. */
    private void checkHaproxy(StatefulSet edge, Container container, GatewayConfig config) throws IOException {
        Path cfg = repo.resolve("deploy/haproxy/haproxy.cfg");
        String backend = null;
        Map<String, Set<String>> hostsByBackend = new LinkedHashMap<>();
        Map<String, Integer> portByBackend = new LinkedHashMap<>();
        Integer checkPort = null;
        for (String line : Files.readAllLines(cfg)) {
            Matcher m;
            if ((m = BACKEND.matcher(line)).find()) {
                backend = m.group(1);
            } else if ((m = CHECK_PORT.matcher(line)).find()) {
                checkPort = Integer.parseInt(m.group(1));
            } else if ((m = SERVER.matcher(line)).find() && backend != null) {
                hostsByBackend.computeIfAbsent(backend, b -> new LinkedHashSet<>()).add(m.group(2));
                portByBackend.put(backend, Integer.parseInt(m.group(3)));
            }
        }
        Set<String> pods = new LinkedHashSet<>();
        for (int i = 0; i < edge.getSpec().getReplicas(); i++) {
            pods.add(edge.getMetadata().getName() + "-" + i + "." + edge.getSpec().getServiceName());
        }
        hostsByBackend.forEach((name, hosts) -> {
            if (!hosts.equals(pods)) {
                problem("haproxy.cfg backend " + name + " balances over " + hosts + ", the StatefulSet's pods are "
                        + pods);
            }
        });
        if (hostsByBackend.isEmpty()) {
            problem("haproxy.cfg: no backend servers found");
        }
        if (config == null) {
            return;
        }
        if (checkPort == null || checkPort != config.admin().port()) {
            problem("haproxy.cfg checks port " + checkPort + ", the config's admin port is " + config.admin().port());
        }
        Integer smpp = portByBackend.get("smpp");
        if (smpp == null || smpp != config.smpp().port()) {
            problem("haproxy.cfg's smpp backend sends to port " + smpp + ", the config's smpp.port is "
                    + config.smpp().port());
        }
    }

    // ---- redis, prometheus

    private void checkRedis(GatewayConfig config) {
        StatefulSet redis = manifests.one(StatefulSet.class, "edge-redis");
        if (redis == null) {
            return;
        }
        io.edgegw.core.config.RedisConfig shared = config == null ? null
                : config.section(io.edgegw.core.config.RedisConfig.class);
        if (config != null && (shared == null || !shared.uri().startsWith("redis://edge-redis:6379"))) {
            problem("Redis is deployed as Service edge-redis:6379 but cluster.redis.uri is "
                    + (shared == null ? "not set" : shared.uri()));
        }
        List<String> args = redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        String joined = String.join(" ", Objects.requireNonNullElse(args, List.of()));
        if (!joined.contains("--appendonly yes") || !Pattern.compile("--appendfsync (everysec|always)")
                .matcher(joined).find()) {
            problem("Redis runs without an append-only file forced at least every second: " + args);
        }
    }

    /** The port the scrape config's SRV name asks the headless Service for serves the admin port. */
    private void checkPrometheus(Container container) throws IOException {
        JsonNode prometheus = K8sManifests.YAML.readTree(repo.resolve("deploy/k8s/prometheus/prometheus.yml").toFile());
        JsonNode job = null;
        for (JsonNode j : prometheus.path("scrape_configs")) {
            if (j.path("job_name").asText().equals("edge-gateway")) {
                job = j;
            }
        }
        if (job == null) {
            problem("prometheus.yml: no job edge-gateway (the name edge-alerts.yml expects)");
            return;
        }
        String name = job.path("dns_sd_configs").path(0).path("names").path(0).asText();
        Matcher m = Pattern.compile("^_([^.]+)\\._tcp\\.([^.]+)\\.").matcher(name);
        if (!m.find()) {
            problem("prometheus.yml: SRV name " + name + " is not _PORT._tcp.SERVICE.NAMESPACE...");
            return;
        }
        Service service = manifests.one(Service.class, m.group(2));
        if (service == null) {
            return;
        }
        String portName = m.group(1);
        ServicePort port = service.getSpec().getPorts().stream().filter(p -> portName.equals(p.getName()))
                .findFirst().orElse(null);
        Integer target = port == null ? null : portNumber(container, port.getTargetPort());
        Integer admin = portNumber(container, new IntOrString("http"));
        Integer probe = container.getReadinessProbe() == null ? null
                : portNumber(container, container.getReadinessProbe().getHttpGet().getPort());
        if (target == null || !target.equals(probe) || !target.equals(admin)) {
            problem("prometheus.yml scrapes Service " + m.group(2) + " port " + portName + " (container port "
                    + target + "), not the admin port " + probe);
        }
    }

    /** The file as shipped, with its two outside files pointed at ones that exist here, for promtool. */
    static String promtoolReady(String prometheusYml, Path alerts, Path token) {
        return prometheusYml
                .replaceFirst("(?m)credentials_file: .*$", "credentials_file: " + token)
                .replaceFirst("(?m)- \\.\\./\\.\\./monitoring/edge-alerts\\.yml.*$", "- " + alerts);
    }

}
