package io.edgegw.core.admin;

import java.util.List;
import java.util.Map;

/**
 * One request to the admin port as its routes see it, free of Netty: only what they read (no route reads a body).
 *
 * @param path          the raw path, without the query
 * @param authorization the {@code Authorization} header, null when absent
 * @param remoteAddress the client's IP address, for the audit log
 * @param query         the query's parameters, decoded (bounded by the request line's limit)
 */
record AdminRequest(String method, String path, String authorization, String remoteAddress,
                    Map<String, List<String>> query) {
    AdminRequest(String method, String path, String authorization, String remoteAddress) {
        this(method, path, authorization, remoteAddress, Map.of());
    }

    /** A query parameter's first value, or null. */
    String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
