package io.edgegw.core.config;

/**
 * The tenant-facing SMPP listener over TLS, on a port of its own beside (or, with {@code only}, instead of) the plain
 * one; the same sessions and limits apply. All files PEM, the key names as {@code sip.tls}'s.
 *
 * @param port                    TLS listener port; 0 = any free port (tests)
 * @param certificate             the gateway's certificate chain (its own certificate first)
 * @param privateKey              its private key, PKCS#8, unencrypted
 * @param clientAuth              which client certificates the listener asks for
 * @param trustedCertificates     CA bundle client certificates must chain to; null only when clientAuth is NONE
 * @param handshakeTimeoutSeconds a connection that has not finished its handshake after this long is closed
 * @param only                    true: no plain listener on {@code smpp.port}, TLS only
 */
public record SmppTlsConfig(int port, String certificate, String privateKey, TlsClientAuth clientAuth,
                            String trustedCertificates, int handshakeTimeoutSeconds, boolean only) {
    public static final int DEFAULT_PORT = 3550;
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
    /** What every key left out of {@code smpp.tls} takes; its certificate and key have none (they are required). */
    public static final SmppTlsConfig DEFAULTS = new SmppTlsConfig(DEFAULT_PORT, null, null, TlsClientAuth.NONE, null,
            DEFAULT_HANDSHAKE_TIMEOUT_SECONDS, false);

    public SmppTlsConfig {
        clientAuth = clientAuth == null ? TlsClientAuth.NONE : clientAuth;
    }
}
