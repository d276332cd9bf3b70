package io.edgegw.sip.proxy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Proxy-Authorization value read as RFC 2617 writes it: a scheme, then comma-separated {@code name=value} pairs,
 * values quoted or not. Only what {@link DigestAuth} reads; a value it cannot read yields no pairs (challenged).
 */
final class DigestParams {
    private final String scheme;
    private final Map<String, String> params;

    private DigestParams(String scheme, Map<String, String> params) {
        this.scheme = scheme;
        this.params = params;
    }

    static DigestParams parse(String value) {
        Map<String, String> params = new HashMap<>();
        String v = value == null ? "" : value.trim();
        int space = v.indexOf(' ');
        String scheme = space < 0 ? v : v.substring(0, space);
        int i = space < 0 ? v.length() : space + 1;
        while (i < v.length()) {
            while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == ',' || v.charAt(i) == '\t')) {
                i++;
            }
            int eq = v.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = v.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < v.length() && v.charAt(i) == ' ') {
                i++;
            }
            String val;
            if (i < v.length() && v.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < v.length() && v.charAt(i) != '"') {
                    if (v.charAt(i) == '\\' && i + 1 < v.length()) {
                        i++;
                    }
                    sb.append(v.charAt(i++));
                }
                i++; // the closing quote
                val = sb.toString();
            } else {
                int comma = v.indexOf(',', i);
                int end = comma < 0 ? v.length() : comma;
                val = v.substring(i, end).trim();
                i = end;
            }
            params.putIfAbsent(name, val);
        }
        return new DigestParams(scheme, params);
    }

    String get(String name) {
        return params.get(name);
    }

    String getScheme() {
        return scheme;
    }

    String getRealm() {
        return params.get("realm");
    }

    String getNonce() {
        return params.get("nonce");
    }

    String getAlgorithm() {
        return params.get("algorithm");
    }

    String getUsername() {
        return params.get("username");
    }

    String getResponse() {
        return params.get("response");
    }

    String getParameter(String name) {
        return params.get(name);
    }
}
