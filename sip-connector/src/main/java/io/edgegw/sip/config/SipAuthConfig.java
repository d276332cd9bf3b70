package io.edgegw.sip.config;

/**
 * A tenant's SIP digest credentials (RFC 3261 section 22, MD5, qop=auth): its calls from addresses outside its
 * {@code sipSources} are challenged and must answer with these.
 *
 * @param username unique among tenants: it says whose call it is
 * @param password the secret, already read from the environment when the file said {@code env:NAME}
 * @param realm    the realm of the challenge; null = the proxy's {@code sip.host}
 */
public record SipAuthConfig(String username, String password, String realm) {
    @Override
    public String toString() {
        return "SipAuthConfig[username=" + username + ", password=(hidden), realm=" + realm + "]";
    }
}
