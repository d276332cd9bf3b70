package io.edgegw.sipstack.message;

import gov.nist.javax.sip.header.ParameterNames;

import java.util.ArrayList;
import java.util.List;

/**
 * A From, To, Contact, Route or Record-Route value (RFC 3261 section 20.10): optional display name, a URI, header
 * parameters such as the tag. Immutable. The URI is kept as text; {@link #sipUri()} parses it when asked.
 */
public final class NameAddr {
    private final String displayName;
    private final String uri;
    private final Params params;
    private SipUri sipUri;

    private NameAddr(String displayName, String uri, Params params) {
        this.displayName = displayName;
        this.uri = uri;
        this.params = params;
    }

    public static NameAddr of(SipUri uri) {
        return new NameAddr(null, uri.toString(), Params.EMPTY);
    }

    public static NameAddr of(String displayName, SipUri uri) {
        return new NameAddr(displayName == null ? null : quote(displayName), uri.toString(), Params.EMPTY);
    }

    /** One value, or null when it holds no URI. */
    public static NameAddr parse(String s) {
        int n = s.length();
        int lt = Ascii.indexOutside(s, '<', 0);
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            String display = s.substring(0, lt).trim();
            String uri = s.substring(lt + 1, gt).trim();
            return uri.isEmpty() ? null
                    : new NameAddr(display.isEmpty() ? null : display, uri, Params.parse(s, gt + 1, n));
        }
        // addr-spec form: parameters after the URI belong to the header, not to the URI (section 20.10)
        String t = s.trim();
        int semi = t.indexOf(';');
        String uri = semi < 0 ? t : t.substring(0, semi).trim();
        if (uri.isEmpty() || uri.indexOf(' ') >= 0) {
            return null;
        }
        return new NameAddr(null, uri, semi < 0 ? Params.EMPTY : Params.parse(t, semi, t.length()));
    }

    /** The comma-separated values of one header field; null elements are never returned (bad ones are skipped). */
    public static List<NameAddr> parseList(String s, List<NameAddr> into) {
        int from = 0;
        while (from <= s.length()) {
            int comma = Ascii.indexOutside(s, ',', from);
            int to = comma < 0 ? s.length() : comma;
            NameAddr a = parse(s.substring(from, to));
            if (a != null) {
                into.add(a);
            }
            if (comma < 0) {
                break;
            }
            from = comma + 1;
        }
        return into;
    }

    static List<NameAddr> parseList(String s) {
        return parseList(s, new ArrayList<>(2));
    }

    /** The display name without its quotes, or null. */
    public String displayName() {
        if (displayName == null || displayName.length() < 2 || displayName.charAt(0) != '"') {
            return displayName;
        }
        return displayName.substring(1, displayName.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** The URI as written (sip:, sips:, tel: or any other scheme). */
    public String uri() {
        return uri;
    }

    /** The URI when it is a sip: or sips: one, else null. */
    public SipUri sipUri() {
        if (sipUri == null) {
            sipUri = SipUri.tryParse(uri);
        }
        return sipUri;
    }

    public Params params() {
        return params;
    }

    public String tag() {
        return params.get(ParameterNames.TAG);
    }

    public NameAddr withTag(String tag) {
        return new NameAddr(displayName, uri, params.with(ParameterNames.TAG, tag));
    }

    public NameAddr withParam(String name, String value) {
        return new NameAddr(displayName, uri, params.with(name, value));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(uri.length() + 24);
        if (displayName != null) {
            sb.append(displayName).append(' ');
        }
        sb.append('<').append(uri).append('>');
        params.appendTo(sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddr a && a.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static String quote(String name) {
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
