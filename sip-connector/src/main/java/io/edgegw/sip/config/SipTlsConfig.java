package io.edgegw.sip.config;

/**
 * SIP over TLS: the listener's own port and certificate, and which client certificates it asks for. All files PEM.
 * The same trust bundle checks trunks' certificates on connections the proxy opens (null: the JDK's trust store).
 *
 * @param port                 TLS listener port; 0 = any free port (tests)
 * @param certificate          the proxy's certificate chain
 * @param privateKey           its private key (PKCS#8)
 * @param clientAuth           {@code none}, {@code optional} or {@code require}
 * @param trustedCertificates  CA bundle client (and trunk) certificates must chain to; needed unless clientAuth is none
 */
public record SipTlsConfig(int port, String certificate, String privateKey, String clientAuth,
                           String trustedCertificates) {
}
