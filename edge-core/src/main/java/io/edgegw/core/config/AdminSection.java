package io.edgegw.core.config;

/** {@code admin}: the HTTP API's address and its bearer tokens. */
final class AdminSection {
    private AdminSection() {
    }

    static AdminConfig read(ConfigNode o) {
        o.only("host", "port", "token", "metricsToken");
        AdminConfig d = AdminConfig.DEFAULTS;
        return new AdminConfig(o.text("host", d.host(), 1, 255), o.port("port", d.port()),
                bearerToken(o, "token", d.token()), bearerToken(o, "metricsToken", d.metricsToken()));
    }

    /** An HTTP bearer token: empty (none) or at least 16 characters, from the file or {@code env:NAME}. */
    private static String bearerToken(ConfigNode o, String field, String dflt) {
        String token = o.secret(field, dflt, 0, 256);
        if (!token.isEmpty() && token.length() < 16) {
            throw o.bad(field, "must be at least 16 characters (was " + token.length() + "; its value is not shown)");
        }
        return token;
    }
}
