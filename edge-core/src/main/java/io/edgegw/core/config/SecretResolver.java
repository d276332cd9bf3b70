package io.edgegw.core.config;

import io.edgegw.core.tenant.PasswordHash;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one place that knows the forms a secret may take in the config file: the text itself, or {@code env:NAME} for
 * the value of environment variable {@code NAME} (so the file holds no secret); an SMPP password may also be a salted
 * hash ({@code ./edge hash-password}). Every error names the key path and, for {@code env:}, the variable, never the
 * value. The environment is given, so tests need not change the process's own.
 */
public final class SecretResolver {
    public static final String ENV_PREFIX = "env:";
    /** Reads {@code env:NAME} from this process's environment. */
    public static final SecretResolver ENVIRONMENT = new SecretResolver(System::getenv);

    private final Function<String, String> environment;

    /** @param environment a variable's value by name, null when it is not set */
    public SecretResolver(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment);
    }

    /** Reads {@code env:NAME} from {@code variables} alone. */
    public static SecretResolver of(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new SecretResolver(copy::get);
    }

    /**
     * The secret {@code text} stands for, {@code min}-{@code max} characters long.
     *
     * @param path the key path, for errors ({@code admin.token})
     * @param text what the file says: the secret, or {@code env:NAME}
     */
    public String resolve(String path, String text, int min, int max) {
        if (!text.startsWith(ENV_PREFIX)) {
            if (text.length() < min || text.length() > max) {
                throw new ConfigException(path + ": " + ConfigNode.lengthRule(min, max) + " (was " + text.length()
                        + ")");
            }
            return text;
        }
        String name = text.substring(ENV_PREFIX.length());
        if (name.isEmpty()) {
            throw new ConfigException(path + ": '" + ENV_PREFIX
                    + "' must be followed by an environment variable's name");
        }
        String value = environment.apply(name);
        if (value == null) {
            throw new ConfigException(path + ": environment variable " + name + " is not set");
        }
        if (value.isEmpty()) {
            throw new ConfigException(path + ": environment variable " + name + " is empty");
        }
        if (value.length() < min || value.length() > max) {
            throw new ConfigException(path + ": " + ConfigNode.lengthRule(min, max) + " (was " + value.length()
                    + ", from environment variable " + name + "; its value is not shown)");
        }
        return value;
    }

    /**
     * An SMPP password: in clear (at most {@code clearMax} characters), {@code env:NAME}, or a salted hash
     * ({@code pbkdf2-sha256:...}, checked for its form here), which may itself come from the environment.
     */
    public String password(String path, String text, int clearMax) {
        String password = resolve(path, text, 1, 256);
        if (PasswordHash.looksHashed(password)) {
            try {
                PasswordHash.parse(password);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + ": " + e.getMessage());
            }
        } else if (password.length() > clearMax) {
            throw new ConfigException(path + ": must be 1-" + clearMax + " characters (was " + password.length()
                    + "), or a hash from './edge hash-password'");
        }
        return password;
    }
}
