package io.edgegw.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image's Dockerfile against what it must run: a fixed non-root user (the pods' uid), {@code edge.jar} and its
 * {@code lib/} where the entrypoint finds them, every JVM flag {@code ./edge} gives {@code up}, the container's ports
 * exposed, the queue volume declared, JNA's cache on a writable mount. Read line by line, no Docker needed.
 */
final class DockerfileCheck {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private DockerfileCheck() {
    }

    /** {@code ./edge}'s JVM flags for {@code up}: those always given, and those of its long-running commands. */
    static List<String> launcherUpFlags(Path launcher) throws IOException {
        String script = Files.readString(launcher);
        List<String> flags = new ArrayList<>();
        Matcher exec = Pattern.compile("(?m)^exec java ((?:-\\S+ )*)\"\\$\\{jvm\\[@]}\"").matcher(script);
        Matcher jvm = Pattern.compile("(?ms)^\\s*up\\|[^)]*\\)\\s*\\n\\s*jvm=\\(([^)]*)\\)").matcher(script);
        if (!exec.find() || !jvm.find()) {
            // a launcher of another shape must not pass the check with no flags to compare
            throw new IllegalStateException(launcher + ": its java line or its flags for `up` are no longer where"
                    + " DockerfileCheck reads them");
        }
        flags.addAll(List.of(exec.group(1).trim().split("\\s+")));
        flags.addAll(List.of(jvm.group(1).trim().split("\\s+")));
        return flags;
    }

    /** Adds what is wrong with {@code repo}'s Dockerfile to {@code problems}. */
    static void check(Path repo, PodSpec pod, Container container, List<String> problems) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(repo.resolve("Dockerfile"))) {
            if (current.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                instructions.add(current.append(line).toString().strip());
                current.setLength(0);
            }
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String i : instructions) {
            String[] parts = i.split("\\s+", 2);
            byName.computeIfAbsent(parts[0].toUpperCase(), k -> new ArrayList<>()).add(parts.length > 1 ? parts[1] : "");
        }
        List<String> from = byName.getOrDefault("FROM", List.of());
        if (from.size() != 1 || !from.get(0).startsWith("eclipse-temurin:17-jre")) {
            problems.add("Dockerfile: FROM " + from + ", expected eclipse-temurin:17-jre");
        }
        List<String> user = byName.getOrDefault("USER", List.of());
        String uid = user.isEmpty() ? "" : user.get(user.size() - 1).split(":")[0];
        Long runAs = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsUser();
        if (!uid.matches("\\d+") || Long.parseLong(uid) == 0) {
            problems.add("Dockerfile: USER " + user + " is not a fixed non-root uid (runAsNonRoot needs a numeric one)");
        } else if (!Long.valueOf(uid).equals(runAs)) {
            problems.add("Dockerfile: USER " + uid + " is not the pod's runAsUser " + runAs);
        }
        List<String> entrypoint = jsonArray(byName.getOrDefault("ENTRYPOINT", List.of("[]")).get(0));
        int jar = entrypoint.indexOf("-jar");
        String jarPath = jar < 0 || jar + 1 >= entrypoint.size() ? null : entrypoint.get(jar + 1);
        if (entrypoint.isEmpty() || !entrypoint.get(0).equals("java") || jarPath == null) {
            problems.add("Dockerfile: ENTRYPOINT " + entrypoint + " is not java ... -jar JAR");
        } else {
            List<String> flags = entrypoint.subList(1, jar);
            for (String flag : launcherUpFlags(repo.resolve("edge"))) {
                if (!flags.contains(flag)) {
                    problems.add("Dockerfile: ENTRYPOINT lacks " + flag + ", which ./edge gives `up`");
                }
            }
            List<String> copies = byName.getOrDefault("COPY", List.of());
            String jarDir = jarPath.substring(0, jarPath.lastIndexOf('/') + 1);
            if (!copies.contains("deploy/target/edge.jar " + jarPath)) {
                problems.add("Dockerfile: no COPY deploy/target/edge.jar " + jarPath);
            }
            // edge.jar's manifest puts lib/*.jar beside it on the class path (deploy/pom.xml, classpathPrefix)
            if (!copies.contains("deploy/target/lib/ " + jarDir + "lib/")) {
                problems.add("Dockerfile: no COPY deploy/target/lib/ " + jarDir + "lib/ (the jar's class path)");
            }
        }
        String pom = Files.readString(repo.resolve("deploy/pom.xml"));
        if (!pom.contains("<finalName>edge</finalName>") || !pom.contains("${project.build.directory}/lib")
                || !pom.contains("<classpathPrefix>lib/</classpathPrefix>")) {
            problems.add("deploy/pom.xml no longer builds target/edge.jar with its class path in target/lib/");
        }
        Set<Integer> exposed = new TreeSet<>();
        for (String e : byName.getOrDefault("EXPOSE", List.of())) {
            for (String p : e.split("\\s+")) {
                if (p.endsWith("/tcp") || p.matches("\\d+")) {
                    exposed.add(Integer.parseInt(p.replace("/tcp", "")));
                }
            }
        }
        container.getPorts().forEach(p -> {
            if (!exposed.contains(p.getContainerPort())) {
                problems.add("Dockerfile: EXPOSE " + exposed + " lacks the container port " + p.getContainerPort());
            }
        });
        List<String> volumes = byName.getOrDefault("VOLUME", List.of());
        VolumeMount queues = container.getVolumeMounts().stream().filter(m -> m.getName().equals("queues"))
                .findFirst().orElse(null);
        if (queues == null || !volumes.contains(queues.getMountPath())) {
            problems.add("Dockerfile: VOLUME " + volumes + " is not the pod's queue volume "
                    + (queues == null ? null : queues.getMountPath()));
        }
        // what the JVM writes outside storage.dir must land on a writable mount when the root file system is read-only
        String cache = byName.getOrDefault("ENV", List.of()).stream().filter(e -> e.startsWith("XDG_CACHE_HOME="))
                .map(e -> e.substring("XDG_CACHE_HOME=".length())).findFirst().orElse(null);
        VolumeMount cacheMount = cache == null ? null : K8sChecks.mountOf(container, cache);
        if (cacheMount == null || Boolean.TRUE.equals(cacheMount.getReadOnly())) {
            problems.add("Dockerfile: XDG_CACHE_HOME " + cache + " (where JNA unpacks its library) is on no writable mount");
        }
        String ignore = Files.readString(repo.resolve(".dockerignore"));
        if (!ignore.contains("!deploy/target/edge.jar") || !ignore.contains("!deploy/target/lib/")) {
            problems.add(".dockerignore keeps the jar or its lib/ out of the build context");
        }
    }

    private static List<String> jsonArray(String text) {
        try {
            List<String> out = new ArrayList<>();
            JSON.readTree(text).forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }
}
