package io.edgegw.sipstack.transport;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportConfigTest {
    private static String refusal(TransportConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void defaultsListenNowhereAndKeepTheDocumentedBounds() {
        TransportConfig config = TransportConfig.builder().build();
        assertTrue(!config.listens(Transport.UDP) && !config.listens(Transport.TCP) && !config.listens(Transport.TLS));
        assertEquals(64 * 1024, config.maxMessageBytes());
    }

    @Test
    void aBadValueIsRefusedNamingItsField() {
        assertTrue(refusal(TransportConfig.builder().udp(70000)).contains("udpPort"));
        assertTrue(refusal(TransportConfig.builder().maxMessageBytes(10)).contains("maxMessageBytes"));
        assertTrue(refusal(TransportConfig.builder().messageReadTimeout(Duration.ZERO)).contains("messageReadTimeout"));
        assertTrue(refusal(TransportConfig.builder().maxConnections(10).maxConnectionsPerAddress(20))
                .contains("maxConnectionsPerAddress"));
        assertTrue(refusal(TransportConfig.builder().writeBufferWaterMarks(64 * 1024, 32 * 1024))
                .contains("writeBufferLowWaterMark"));
    }

    @Test
    void tlsListenerNeedsItsFilesAndClientAuthNeedsATrustBundle() {
        assertTrue(refusal(TransportConfig.builder().tls(0, null)).contains("tls"));
        assertTrue(refusal(TransportConfig.builder().tls(0, TlsConfig.builder().build())).contains("tls.certChain"));
        Path missing = Path.of("/nonexistent/cert.pem");
        assertTrue(refusal(TransportConfig.builder().tls(0, TlsConfig.builder().server(missing, missing).build()))
                .contains("tls.certChain is not a readable file"));
        assertTrue(refusal(TransportConfig.builder().tlsClient(TlsConfig.builder()
                .clientAuth(ClientAuth.REQUIRE, null).build())).contains("tls.clientTrust"));
    }
}
