package io.edgegw.core.config;

/** A configuration that cannot be used; the message names the offending field path, e.g. {@code tenants[1].password}. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
