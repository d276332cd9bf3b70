package io.edgegw.sipstack.message;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.header.ParameterNames;

/**
 * One Via value (RFC 3261 section 20.42): "SIP/2.0/transport sent-by;params". Immutable; the with-methods return
 * copies, as a server adds received and rport (RFC 3261 18.2.1, RFC 3581).
 */
public final class Via {
    private final String transport;
    private final String host;
    private final int port;
    private final Params params;

    private Via(String transport, String host, int port, Params params) {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.params = params;
    }

    /** A Via for a request this element sends; port -1 leaves it out. */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via(transport, host, port, Params.EMPTY.with(ParameterNames.BRANCH, branch));
    }

    /** A Via value, or null when it is not "SIP/2.0/transport host". White space around '/' ':' ';' '=' allowed. */
    public static Via parse(String s) {
        int i = 0;
        int n = s.length();
        int[] at = {0};
        String name = token(s, i, at);
        i = slash(s, at[0]);
        String version = i < 0 ? null : token(s, i, at);
        i = version == null ? -1 : slash(s, at[0]);
        String transport = i < 0 ? null : token(s, i, at);
        if (transport == null || !"SIP".equalsIgnoreCase(name) || !"2.0".equals(version)) {
            return null;
        }
        i = skip(s, at[0]);
        int hostStart = i;
        if (i < n && s.charAt(i) == '[') {
            i = s.indexOf(']', i);
            if (i < 0) {
                return null;
            }
            i++;
        } else {
            while (i < n && s.charAt(i) != ':' && s.charAt(i) != ';' && !Ascii.isLws(s.charAt(i))) {
                i++;
            }
        }
        if (i == hostStart) {
            return null;
        }
        String host = s.substring(hostStart, i);
        int port = -1;
        i = skip(s, i);
        if (i < n && s.charAt(i) == ':') {
            int p = skip(s, i + 1);
            i = p;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
            port = port(s, p, i);
            if (port < 0) {
                return null;
            }
        }
        return new Via(transport, host, port, Params.parse(s, i, n));
    }

    public String transport() {
        return transport;
    }

    public String host() {
        return host;
    }

    /** The sent-by port, -1 when absent (the transport's default applies). */
    public int port() {
        return port;
    }

    public Params params() {
        return params;
    }

    public String branch() {
        return params.get(ParameterNames.BRANCH);
    }

    /** Whether the branch starts with RFC 3261's magic cookie, so it identifies the transaction (17.2.3). */
    public boolean hasRfc3261Branch() {
        String b = branch();
        return b != null && b.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE);
    }

    public String received() {
        return params.get(ParameterNames.RECEIVED);
    }

    /** The rport value: -1 absent, 0 asked for (no value), else the port filled in (RFC 3581). */
    public int rport() {
        String v = params.get(ParameterNames.RPORT);
        return v == null ? -1 : v.isEmpty() ? 0 : Math.max(0, port(v, 0, v.length()));
    }

    public String maddr() {
        return params.get(ParameterNames.MADDR);
    }

    public Via withReceived(String address) {
        return new Via(transport, host, port, params.with(ParameterNames.RECEIVED, address));
    }

    public Via withRport(int sourcePort) {
        return new Via(transport, host, port, params.with(ParameterNames.RPORT, Integer.toString(sourcePort)));
    }

    public Via withParam(String name, String value) {
        return new Via(transport, host, port, params.with(name, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(48).append(SIPConstants.SIP_VERSION_STRING).append('/')
                .append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        params.appendTo(sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via v && v.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    static int port(String s, int from, int to) {
        if (to <= from || to - from > 5) {
            return -1;
        }
        int p = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            p = p * 10 + c - '0';
        }
        return p <= 65535 ? p : -1;
    }

    private static String token(String s, int from, int[] end) {
        int i = skip(s, from);
        int start = i;
        while (i < s.length() && Ascii.isToken(s.charAt(i))) {
            i++;
        }
        end[0] = i;
        return i == start ? null : s.substring(start, i);
    }

    private static int slash(String s, int from) {
        int i = skip(s, from);
        return i < s.length() && s.charAt(i) == '/' ? i + 1 : -1;
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Ascii.isLws(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
