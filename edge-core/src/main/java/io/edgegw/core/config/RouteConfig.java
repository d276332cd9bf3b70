package io.edgegw.core.config;

import java.util.List;

/** Destinations starting with {@code prefix} (digits; empty matches all) go to the first of {@code carriers} that can take them. */
public record RouteConfig(String prefix, List<String> carriers) {
}
