package io.edgegw.deploy;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.tenant.PasswordHash;
import io.edgegw.core.tenant.TenantTable;
import io.edgegw.core.spi.TenantDirectory;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashPasswordCommandTest {
    @Test
    void printsAHashThatATenantConfigAcceptsAndThatChecksThePassword() {
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        try {
            System.setIn(new ByteArrayInputStream("s3cret\n".getBytes(StandardCharsets.ISO_8859_1)));
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new EdgeCommand()).execute("hash-password", "--iterations", "1000");
        } finally {
            System.setIn(stdin);
            System.setOut(stdout);
        }
        assertEquals(0, exit);
        String hash = printed.toString(StandardCharsets.UTF_8).trim();
        assertTrue(PasswordHash.looksHashed(hash), hash);
        GatewayConfig config = ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: '" + hash + "'}\n");
        TenantTable table = new TenantTable(config.tenants());
        assertEquals(TenantDirectory.Outcome.BAD_PASSWORD, table.authenticate("t", "s3cre", null).outcome());
        assertEquals(TenantDirectory.Outcome.OK, table.authenticate("t", "s3cret", null).outcome());
    }
}
