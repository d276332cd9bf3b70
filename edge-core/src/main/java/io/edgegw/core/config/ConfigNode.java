package io.edgegw.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.edgegw.core.tenant.Cidr;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One YAML mapping and its path, with typed, bounded accessors whose errors name the field path (e.g.
 * {@code tenants[0].numbers[2]}). What the loader walks the file with, and what a connector's {@link ConfigSection}
 * is given for its own keys.
 */
public final class ConfigNode {
    final JsonNode node;
    final String path;
    private static final int ID_MAX = 64;

    public ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public ConfigException bad(String field, String why) {
        return new ConfigException(path(field) + ": " + why);
    }

    /** The YAML node itself, for shapes the accessors do not cover. */
    public JsonNode json() {
        return node;
    }

    /** True when the field is present and not null. */
    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    public void only(String... fields) {
        if (!node.isObject()) {
            throw new ConfigException((path.isEmpty() ? "(top level)" : path) + ": must be a mapping");
        }
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw bad(f, "unknown field (known: " + String.join(", ", fields) + ")");
            }
        }
    }

    public ConfigNode child(String field) {
        JsonNode n = node.get(field);
        return new ConfigNode(n == null || n.isNull() ? JsonNodeFactory.instance.objectNode() : n, path(field));
    }

    public List<ConfigNode> list(String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw bad(field, "must be a list");
        }
        List<ConfigNode> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            out.add(new ConfigNode(n.get(i), path(field) + "[" + i + "]"));
        }
        return out;
    }

    public String text(String field, String dflt, int min, int max) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            if (dflt == null) {
                throw bad(field, "is required");
            }
            return dflt;
        }
        if (!n.isValueNode() || n.isBoolean()) {
            throw bad(field, "must be text");
        }
        String v = n.asText();
        if (v.length() < min || v.length() > max) {
            throw bad(field, (min > 0 ? "must be " + min + "-" : "must be at most ") + max
                    + " characters (was " + v.length() + ")");
        }
        return v;
    }

    /** A list of texts, each 1-{@code maxLength} characters; empty when absent. */
    public List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw bad(field, "must be a list");
        }
        if (n.size() > maxItems) {
            throw bad(field, "at most " + maxItems + " entries (was " + n.size() + ")");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String p = path(field) + "[" + i + "]";
            if (!e.isValueNode() || e.isBoolean() || e.isNull()) {
                throw new ConfigException(p + ": must be text");
            }
            String v = e.asText().trim();
            if (v.isEmpty() || v.length() > maxLength) {
                throw new ConfigException(p + ": must be 1-" + maxLength + " characters");
            }
            out.add(v);
        }
        return out;
    }

    public String required(String field, int max) {
        return text(field, null, 1, max);
    }

    /** Text, or when it reads {@code env:NAME} that environment variable's value: keeps secrets out of the file. */
    public String secret(String field, String dflt, int min, int max) {
        String v = text(field, dflt, min, max);
        if (!v.startsWith("env:")) {
            return v;
        }
        String value = System.getenv(v.substring(4));
        if (value == null || value.isEmpty()) {
            throw bad(field, "environment variable " + v.substring(4) + " is not set");
        }
        return value;
    }

    public String identifier(String field) {
        String v = required(field, ID_MAX);
        if (!v.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw bad(field, "must be letters, digits, '_', '.', '-' (was '" + v + "')");
        }
        return v;
    }

    public int integer(String field, int dflt, int min, int max) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        boolean digits = n.isTextual() && n.asText().matches("-?\\d{1,18}");
        if (!(n.isIntegralNumber() && n.canConvertToLong()) && !digits) {
            throw bad(field, "must be an integer (was '" + n.asText() + "')");
        }
        long v = digits ? Long.parseLong(n.asText()) : n.asLong();
        if (v < min || v > max) {
            throw bad(field, "must be " + min + "-" + max + " (was " + v + ")");
        }
        return (int) v;
    }

    public boolean bool(String field, boolean dflt) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw bad(field, "must be true or false (was '" + n.asText() + "')");
        }
        return n.booleanValue();
    }

    /** A decimal number >= 0 (a number, or text like "0.0021"). */
    public double nonNegativeDecimal(String field, double dflt) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            return dflt;
        }
        boolean text = n.isTextual() && n.asText().trim().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
        if (!n.isNumber() && !text) {
            throw bad(field, "must be a number (was '" + n.asText() + "')");
        }
        double v = text ? Double.parseDouble(n.asText().trim()) : n.asDouble();
        if (!Double.isFinite(v)) {
            throw bad(field, "must be a finite number (was '" + n.asText() + "')");
        }
        if (v < 0) {
            throw bad(field, "must be >= 0 (was " + n.asText().trim() + ")");
        }
        return v;
    }

    /** A share between 0 and 1. */
    public double ratio(String field, double dflt) {
        double v = nonNegativeDecimal(field, dflt);
        if (v > 1) {
            throw bad(field, "must be between 0 and 1 (was " + v + ")");
        }
        return v;
    }

    /** A TCP port; 0 (ephemeral) allowed only when a default exists, i.e. for listeners. */
    public int port(String field, int dflt) {
        if (dflt < 0 && (node.get(field) == null || node.get(field).isNull())) {
            throw bad(field, "is required");
        }
        return integer(field, dflt, dflt < 0 ? 1 : 0, 65535);
    }

    /** A list of IP addresses or CIDR blocks; empty when absent. */
    public List<String> cidrs(String field) {
        List<String> sources = strings(field, 1000, 64);
        for (int i = 0; i < sources.size(); i++) {
            try {
                Cidr.parse(sources.get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path(field) + "[" + i + "]: " + e.getMessage());
            }
        }
        return sources;
    }
}
