package io.edgegw.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the admin port answers, free of Netty: status, body, and the few headers a route sets itself. */
record AdminReply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    static AdminReply text(int status, String body) {
        return new AdminReply(status, TEXT, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static AdminReply json(int status, Object value) {
        try {
            return new AdminReply(status, JSON_TYPE, JSON.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"error": message}}, as every refusal of the operator API reads. */
    static AdminReply error(int status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    AdminReply with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new AdminReply(status, contentType, body, Map.copyOf(more));
    }
}
