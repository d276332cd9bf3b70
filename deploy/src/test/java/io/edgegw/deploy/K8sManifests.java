package io.edgegw.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * deploy/k8s as kustomize would gather it, read strictly: every kustomization (keys this project uses only), every
 * manifest it reaches into the Kubernetes API model (fabric8) with no field the model does not know, the files its
 * ConfigMap generators take and the shipped examples of its Secret generators' env files. What is wrong is added to
 * the shared list of problems, not thrown.
 */
final class K8sManifests {
    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** The kinds the shipped files use, by apiVersion/kind; any other is a problem (a typo in either). */
    private static final Map<String, Class<?>> KINDS = Map.of(
            "apps/v1/StatefulSet", StatefulSet.class,
            "v1/Service", Service.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            // only in kustomize's output (the generators): K8sManifestsTest#kustomizeBuildsWhatTheCheckRead
            "v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class,
            "v1/Secret", io.fabric8.kubernetes.api.model.Secret.class);

    /** A kustomization.yaml's keys this project uses; any other key is refused (a misspelt one would be ignored). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Kustomization(String apiVersion, String kind, List<String> resources, List<String> components,
                         List<Generator> configMapGenerator, List<Generator> secretGenerator, List<Image> images) {
    }

    record Generator(String name, List<String> files, List<String> envs, String behavior) {
    }

    record Image(String name, String newName, String newTag) {
    }

    private final Path repo;
    private final List<String> problems;
    /** Every manifest document reached from the top kustomization, as read into the model. */
    final List<Object> resources = new ArrayList<>();
    /** generator name/file name -> the file */
    final Map<String, Path> configMapFiles = new LinkedHashMap<>();
    /** generator name -> the shipped example of its env file */
    final Map<String, Path> secretEnvFiles = new LinkedHashMap<>();

    K8sManifests(Path repo, List<String> problems) {
        this.repo = repo;
        this.problems = problems;
    }

    private void problem(String text) {
        problems.add(text);
    }

    /** Reads the kustomization in {@code dir} and everything it reaches. */
    void readKustomization(Path dir, String name) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problem(name + ": no kustomization.yaml");
            return;
        }
        Kustomization k;
        try {
            k = YAML.readValue(file.toFile(), Kustomization.class);
        } catch (IOException e) {
            problem(name + "/kustomization.yaml: " + mappingError(e));
            return;
        }
        for (String resource : Objects.requireNonNullElse(k.resources(), List.<String>of())) {
            Path path = dir.resolve(resource).normalize();
            if (Files.isDirectory(path)) {
                readKustomization(path, name + "/" + resource);
            } else if (Files.isRegularFile(path)) {
                readManifests(path, name + "/" + resource);
            } else {
                problem(name + "/kustomization.yaml: resource " + resource + " does not exist");
            }
        }
        for (String component : Objects.requireNonNullElse(k.components(), List.<String>of())) {
            readKustomization(dir.resolve(component).normalize(), name + "/" + component);
        }
        for (Generator g : Objects.requireNonNullElse(k.configMapGenerator(), List.<Generator>of())) {
            for (String f : Objects.requireNonNullElse(g.files(), List.<String>of())) {
                configMapFiles.put(g.name() + "/" + f, dir.resolve(f));
            }
        }
        for (Generator g : Objects.requireNonNullElse(k.secretGenerator(), List.<Generator>of())) {
            for (String f : Objects.requireNonNullElse(g.envs(), List.<String>of())) {
                // the real file is kept out of git; its example is what is shipped and checked
                Path example = dir.resolve(f + ".example");
                if (!Files.isRegularFile(example)) {
                    problem(name + ": secretGenerator " + g.name() + " reads " + f + " but " + f
                            + ".example, its shipped form, is missing");
                }
                secretEnvFiles.put(g.name(), example);
            }
        }
    }

    private void readManifests(Path file, String name) throws IOException {
        resources.addAll(strictDocuments(YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll(),
                name, problems));
    }

    /** YAML documents read into the Kubernetes model, each unknown kind or field a problem. */
    static List<Object> strictDocuments(String yaml, String name, List<String> problems) throws IOException {
        return strictDocuments(YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll(), name, problems);
    }

    private static List<Object> strictDocuments(List<JsonNode> docs, String name, List<String> problems) {
        List<Object> models = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            JsonNode doc = docs.get(i);
            if (doc == null || doc.isNull() || doc.isMissingNode()) {
                continue;
            }
            String where = name + (docs.size() > 1 ? " document " + (i + 1) : "");
            String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            Class<?> type = KINDS.get(kind);
            if (type == null) {
                problems.add(where + ": unexpected apiVersion/kind " + kind);
                continue;
            }
            Object model;
            try {
                model = YAML.treeToValue(doc, type);
            } catch (IOException e) {
                problems.add(where + ": " + mappingError(e));
                continue;
            }
            List<String> unknown = new ArrayList<>();
            unknownFields(model, "", unknown);
            unknown.forEach(u -> problems.add(where + ": unknown field " + u));
            models.add(model);
        }
        return models;
    }

    /**
     * The model keeps fields it does not know in each object's additionalProperties (so Jackson's
     * FAIL_ON_UNKNOWN_PROPERTIES never fires): a misspelt field is found by walking the object for them.
     */
    private static void unknownFields(Object o, String path, List<String> found) {
        if (o instanceof Collection<?> list) {
            int i = 0;
            for (Object e : list) {
                unknownFields(e, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, found));
            return;
        }
        if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add((path.isEmpty() ? "" : path + ".") + k));
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            unknownFields(value, path.isEmpty() ? field : path + "." + field, found);
        }
    }

    /** The one resource of this kind and name, or null and a problem. */
    <T> T one(Class<T> type, String name) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> name.equals(((HasMetadata) r).getMetadata().getName()))
                .toList();
        if (found.size() != 1) {
            problem("expected one " + type.getSimpleName() + " named " + name + ", found " + found.size());
            return null;
        }
        return found.get(0);
    }

    /** The Secret generators' keys and values, from their shipped examples. */
    Map<String, String> secretValues() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path example : secretEnvFiles.values()) {
            if (!Files.isRegularFile(example)) {
                continue;
            }
            for (String line : Files.readAllLines(example)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    problem(repo.relativize(example) + ": not KEY=VALUE: " + l);
                    continue;
                }
                values.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return values;
    }

    /** Jackson's message without its source excerpt, with the field path it failed at. */
    private static String mappingError(IOException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            for (var ref : m.getPath()) {
                path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            return (path.isEmpty() ? "" : path.substring(1) + ": ")
                    + m.getOriginalMessage().lines().findFirst().orElse("");
        }
        return e.getMessage().lines().findFirst().orElse("");
    }
}
