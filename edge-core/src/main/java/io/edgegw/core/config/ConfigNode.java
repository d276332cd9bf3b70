package io.edgegw.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.edgegw.core.tenant.Cidr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One YAML mapping and its path, with typed, bounded accessors whose errors name the field path (e.g.
 * {@code carriers[1].endpoints[0].port}). What the loader's sections walk the file with, and what a connector's
 * {@link ConfigSection} is given for its own keys.
 * <p>
 * Every accessor takes the default the record declares ({@code X.DEFAULTS}) and the range a value must fall in; an
 * absent or null field takes the default, a required one (default null) is refused by name. Durations and sizes are
 * integers whose unit the key spells ({@code enquireLinkSeconds}, {@code queueMaxMegabytes}), read with
 * {@link #integer}. Secrets ({@link #secret}, {@link #password}) go through the node's {@link SecretResolver}.
 */
public final class ConfigNode {
    private static final int ID_MAX = 64;
    /** Longest value a choice among names may be; longer is refused before it is compared or echoed. */
    private static final int CHOICE_MAX = 64;
    /** Longest text a secret's field may hold: {@code env:NAME}, a password hash, or the secret itself. */
    private static final int SECRET_TEXT_MAX = 256;

    final JsonNode node;
    final String path;
    private final SecretResolver secrets;

    /** A node whose {@code env:NAME} secrets are read from this process's environment. */
    public ConfigNode(JsonNode node, String path) {
        this(node, path, SecretResolver.ENVIRONMENT);
    }

    public ConfigNode(JsonNode node, String path, SecretResolver secrets) {
        this.node = node;
        this.path = path;
        this.secrets = secrets;
    }

    public String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The path of a list's element, e.g. {@code tenants[0].numbers[2]}. */
    public String path(String field, int index) {
        return path(field) + "[" + index + "]";
    }

    public ConfigException bad(String field, String why) {
        return new ConfigException(path(field) + ": " + why);
    }

    /** An error about one element of the list {@code field}. */
    public ConfigException bad(String field, int index, String why) {
        return new ConfigException(path(field, index) + ": " + why);
    }

    /** The YAML node itself, for shapes the accessors do not cover. */
    public JsonNode json() {
        return node;
    }

    /** True when the field is present and not null. */
    public boolean has(String field) {
        return node.hasNonNull(field);
    }

    /** Refuses any field not named, listing those known; also refuses a node that is not a mapping. */
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

    public void only(List<String> fields) {
        only(fields.toArray(String[]::new));
    }

    /** The mapping under {@code field}; an empty one when it is absent, so every default applies. */
    public ConfigNode child(String field) {
        JsonNode n = node.get(field);
        JsonNode mapping = n == null || n.isNull() ? JsonNodeFactory.instance.objectNode() : n;
        return new ConfigNode(mapping, path(field), secrets);
    }

    /** The mapping under {@code field}, or null when it is absent: for sections whose absence means "none". */
    public ConfigNode optionalChild(String field) {
        return has(field) ? child(field) : null;
    }

    /** The elements of the list {@code field}, each with its own path; empty when absent. */
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
            out.add(new ConfigNode(n.get(i), path(field, i), secrets));
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
            throw bad(field, lengthRule(min, max) + " (was " + v.length() + ")");
        }
        return v;
    }

    /** "must be 1-16 characters", or "must be at most 16 characters" when empty is allowed. */
    static String lengthRule(int min, int max) {
        return (min > 0 ? "must be " + min + "-" : "must be at most ") + max + " characters";
    }

    public String required(String field, int max) {
        return text(field, null, 1, max);
    }

    /** Text of 1-{@code max} characters, or null when the field is absent. */
    public String optionalText(String field, int max) {
        return has(field) ? required(field, max) : null;
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
            if (!e.isValueNode() || e.isBoolean() || e.isNull()) {
                throw bad(field, i, "must be text");
            }
            String v = e.asText().trim();
            if (v.isEmpty() || v.length() > maxLength) {
                throw bad(field, i, "must be 1-" + maxLength + " characters");
            }
            out.add(v);
        }
        return out;
    }

    /** Text of digits only, {@code min}-{@code max} of them (a number prefix). */
    public String digits(String field, String dflt, int min, int max) {
        String v = text(field, dflt, min, max);
        if (!isDigits(v)) {
            throw bad(field, "must be digits only (was '" + v + "')");
        }
        return v;
    }

    static boolean isDigits(String s) {
        return s.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }

    /**
     * A secret: the text, or for {@code env:NAME} that environment variable's value (see {@link SecretResolver}),
     * {@code min}-{@code max} characters either way. Keeps secrets out of the file.
     */
    public String secret(String field, String dflt, int min, int max) {
        if (!has(field)) {
            return text(field, dflt, min, max); // the default, or "is required"
        }
        return secrets.resolve(path(field), text(field, null, min, Math.max(max, SECRET_TEXT_MAX)), min, max);
    }

    /** A required SMPP password: clear (at most {@code clearMax} characters), {@code env:NAME}, or a salted hash. */
    public String password(String field, int clearMax) {
        return secrets.password(path(field), text(field, null, 1, SECRET_TEXT_MAX), clearMax);
    }

    public String identifier(String field) {
        String v = required(field, ID_MAX);
        if (!v.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw bad(field, "must be letters, digits, '_', '.', '-' (was '" + v + "')");
        }
        return v;
    }

    /** One of {@code allowed}; absent: {@code dflt}. */
    public String oneOf(String field, String dflt, String... allowed) {
        String v = text(field, dflt, 1, CHOICE_MAX);
        if (!Arrays.asList(allowed).contains(v)) {
            throw bad(field, "must be " + choices(Arrays.asList(allowed)) + " (was '" + v + "')");
        }
        return v;
    }

    /** A constant of {@code dflt}'s enum by its YAML name ({@link #yamlName}); absent: {@code dflt}. */
    public <E extends Enum<E>> E choice(String field, E dflt) {
        E[] values = dflt.getDeclaringClass().getEnumConstants();
        String v = text(field, yamlName(dflt), 1, CHOICE_MAX);
        for (E e : values) {
            if (yamlName(e).equals(v)) {
                return e;
            }
        }
        throw bad(field, "must be " + choices(Arrays.stream(values).map(ConfigNode::yamlName).toList())
                + " (was '" + v + "')");
    }

    /** How the config spells an enum constant: lower case, '-' for '_' ({@code AS_IS} is {@code as-is}). */
    public static String yamlName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "a or b", or "one of a, b, c". */
    private static String choices(List<String> names) {
        return names.size() == 2 ? names.get(0) + " or " + names.get(1) : "one of " + String.join(", ", names);
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
        if (dflt < 0 && !has(field)) {
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
                throw bad(field, i, e.getMessage());
            }
        }
        return sources;
    }
}
