package io.edgegw.core.tenant;

import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.spi.TenantDirectory.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TenantTableTest {
    private final TenantTable table = new TenantTable(List.of(new TenantConfig("acme", "acmesys", "pw", 7, 1)));

    @Test
    void aTenantBindsWithItsSystemIdAndPassword() {
        assertEquals(Outcome.OK, table.authenticate("acmesys", "pw", null).outcome());
        assertEquals("acme", table.authenticate("acmesys", "pw", null).tenantId());
        assertEquals(7, table.receiverWindow("acme"));
    }

    @Test
    void wrongCredentialsAndTooManyBindsAreTold() {
        assertEquals(Outcome.UNKNOWN_SYSTEM_ID, table.authenticate("nobody", "pw", null).outcome());
        assertEquals(Outcome.BAD_PASSWORD, table.authenticate("acmesys", "pX", null).outcome());
        table.bound("acme");
        assertEquals(Outcome.TOO_MANY_BINDS, table.authenticate("acmesys", "pw", null).outcome());
        table.unbound("acme");
        assertEquals(Outcome.OK, table.authenticate("acmesys", "pw", null).outcome());
    }
}
