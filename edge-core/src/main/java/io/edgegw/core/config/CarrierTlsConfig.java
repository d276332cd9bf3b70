package io.edgegw.core.config;

/**
 * How a carrier's SMSCs are reached over TLS ({@code carriers[].tls}): whose certificates are trusted, which client
 * certificate the gateway shows, whether the SMSC's certificate must name the host dialled. All files PEM.
 *
 * @param trustedCertificates CA bundle the SMSC's certificate must chain to; null = the JDK's trust store
 * @param certificate         the gateway's client certificate chain, or null to show none
 * @param privateKey          its private key (PKCS#8), with {@code certificate} or not at all
 * @param verifyHostname      the SMSC's certificate must name the endpoint's host (an IP address in its subjectAltName)
 */
public record CarrierTlsConfig(String trustedCertificates, String certificate, String privateKey,
                               boolean verifyHostname) {
    /** TLS with the JDK's trust store, no client certificate, host names checked: an endpoint's {@code tls: true} alone. */
    public static final CarrierTlsConfig DEFAULTS = new CarrierTlsConfig(null, null, null, true);
}
