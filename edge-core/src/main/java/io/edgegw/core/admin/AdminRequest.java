package io.edgegw.core.admin;

/**
 * One request to the admin port as its routes see it, free of Netty: only what they read (no route reads a body).
 *
 * @param path          the raw path, without the query
 * @param authorization the {@code Authorization} header, null when absent
 * @param remoteAddress the client's IP address, for the audit log
 */
record AdminRequest(String method, String path, String authorization, String remoteAddress) {
}
