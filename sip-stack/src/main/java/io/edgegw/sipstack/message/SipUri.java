package io.edgegw.sipstack.message;

import gov.nist.javax.sip.address.ParameterNames;


/**
 * A sip: or sips: URI (RFC 3261 section 19.1): user, host (name, IPv4 or [IPv6]), port, parameters, headers.
 * Immutable; the text is kept as received and written back unchanged unless a with-method made a new one. The user
 * part stays escaped, as written (a proxy compares and forwards it, it does not display it).
 */
public final class SipUri {
    /** Loose routing (RFC 3261 section 19.1.1); the RI names no constant for it. */
    public static final String LR = "lr";

    private final boolean secure;
    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final Params params;
    private final String headers;
    private String text;

    private SipUri(boolean secure, String user, String password, String host, int port, Params params,
                   String headers, String text) {
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.params = params;
        this.headers = headers;
        this.text = text;
    }

    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user, null, host, port, Params.EMPTY, null, null);
    }

    /** @throws IllegalArgumentException when s is no sip: or sips: URI (for URIs a caller writes) */
    public static SipUri parse(String s) {
        SipUri uri = tryParse(s);
        if (uri == null) {
            throw new IllegalArgumentException("not a sip: or sips: URI: " + s);
        }
        return uri;
    }

    /** The URI, or null when s is no well-formed sip: or sips: URI (for URIs from the wire). */
    public static SipUri tryParse(String s) {
        int n = s.length();
        boolean secure;
        int i;
        if (s.regionMatches(true, 0, ParameterNames.SIPS_URI_SCHEME + ":", 0, 5)) {
            secure = true;
            i = 5;
        } else if (s.regionMatches(true, 0, ParameterNames.SIP_URI_SCHEME + ":", 0, 4)) {
            secure = false;
            i = 4;
        } else {
            return null;
        }
        String user = null;
        String password = null;
        int at = s.indexOf('@', i);
        if (at >= 0) {
            int colon = s.indexOf(':', i);
            if (colon >= 0 && colon < at) {
                user = s.substring(i, colon);
                password = s.substring(colon + 1, at);
            } else {
                user = s.substring(i, at);
            }
            i = at + 1;
        }
        int hostStart = i;
        if (i < n && s.charAt(i) == '[') {
            i = s.indexOf(']', i);
            if (i < 0) {
                return null;
            }
            i++;
        } else {
            while (i < n && isHostChar(s.charAt(i))) {
                i++;
            }
        }
        if (i == hostStart) {
            return null;
        }
        String host = s.substring(hostStart, i);
        int port = -1;
        if (i < n && s.charAt(i) == ':') {
            int p = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            port = Via.port(s, p, i);
            if (port < 0) {
                return null;
            }
        }
        if (i < n && s.charAt(i) != ';' && s.charAt(i) != '?') {
            return null;
        }
        int q = s.indexOf('?', i);
        Params params = Params.parse(s, i, q < 0 ? n : q);
        return new SipUri(secure, user, password, host, port, params, q < 0 ? null : s.substring(q + 1), s);
    }

    private static boolean isHostChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    public boolean isSecure() {
        return secure;
    }

    /** The user part as written (still escaped), or null. */
    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The host as written: a name, an IPv4 address, or an IPv6 reference in brackets. */
    public String host() {
        return host;
    }

    /** The port, -1 when absent. */
    public int port() {
        return port;
    }

    public Params params() {
        return params;
    }

    public String param(String name) {
        return params.get(name);
    }

    public String transport() {
        return params.get(gov.nist.javax.sip.header.ParameterNames.TRANSPORT);
    }

    public String maddr() {
        return params.get(gov.nist.javax.sip.header.ParameterNames.MADDR);
    }

    public boolean lr() {
        return params.has(LR);
    }

    /** The headers after '?', as written, or null. */
    public String headers() {
        return headers;
    }

    public SipUri withUser(String newUser) {
        return new SipUri(secure, newUser, password, host, port, params, headers, null);
    }

    public SipUri withHost(String newHost) {
        return new SipUri(secure, user, password, newHost, port, params, headers, null);
    }

    public SipUri withPort(int newPort) {
        return new SipUri(secure, user, password, host, newPort, params, headers, null);
    }

    /** With the parameter set; value null makes a flag (";lr"). */
    public SipUri withParam(String name, String value) {
        return new SipUri(secure, user, password, host, port, params.with(name, value), headers, null);
    }

    public SipUri withoutParam(String name) {
        return new SipUri(secure, user, password, host, port, params.without(name), headers, null);
    }

    @Override
    public String toString() {
        if (text == null) {
            StringBuilder sb = new StringBuilder(48)
                    .append(secure ? ParameterNames.SIPS_URI_SCHEME : ParameterNames.SIP_URI_SCHEME).append(':');
            if (user != null) {
                sb.append(user);
                if (password != null) {
                    sb.append(':').append(password);
                }
                sb.append('@');
            }
            sb.append(host);
            if (port >= 0) {
                sb.append(':').append(port);
            }
            params.appendTo(sb);
            if (headers != null) {
                sb.append('?').append(headers);
            }
            text = sb.toString();
        }
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri u && u.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
