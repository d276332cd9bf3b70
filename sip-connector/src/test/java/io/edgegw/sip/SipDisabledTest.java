package io.edgegw.sip;

import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipDisabledTest {
    @TempDir
    Path dir;

    @Test
    void withoutSipEnabledTheGatewayOpensNoSipListener() {
        try (Gateway gateway = Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                """.formatted(dir.toAbsolutePath())), List.of(new SipConnectorFactory()))) {
            assertFalse(gateway.listeners().containsKey("sip"), gateway.listeners().toString());
            assertTrue(gateway.listeners().containsKey("admin"));
        }
    }
}
