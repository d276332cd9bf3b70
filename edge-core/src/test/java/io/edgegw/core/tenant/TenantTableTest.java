package io.edgegw.core.tenant;

import io.edgegw.core.spi.TenantDirectory;
import io.edgegw.core.spi.TenantDirectory.Outcome;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.edgegw.core.testing.GatewayConfigs.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TenantTableTest {
    private final TenantTable table =
            new TenantTable(List.of(tenant("acme").systemId("acmesys").window(7).maxBinds(1).build()));

    @Test
    void aTenantBindsWithItsSystemIdAndPassword() {
        TenantDirectory.Auth auth = table.authenticate("acmesys", "pw", null);
        assertEquals(Outcome.OK, auth.outcome());
        assertEquals("acme", auth.tenantId());
        assertEquals(7, table.receiverWindow("acme"));
    }

    @Test
    void wrongCredentialsAreTold() {
        assertEquals(Outcome.UNKNOWN_SYSTEM_ID, table.authenticate("nobody", "pw", null).outcome());
        assertEquals(Outcome.BAD_PASSWORD, table.authenticate("acmesys", "pX", null).outcome());
    }

    @Test
    void aTenantWithAllowedSourcesBindsOnlyFromThem() {
        TenantTable t = new TenantTable(List.of(tenant("acme").systemId("acmesys").window(7).maxBinds(5)
                .allowedSources("10.1.0.0/16", "192.0.2.7", "2001:db8::/32").build()));
        assertEquals(Outcome.OK, t.authenticate("acmesys", "pw", new InetSocketAddress("10.1.200.3", 4000)).outcome());
        assertEquals(Outcome.OK, t.authenticate("acmesys", "pw", new InetSocketAddress("192.0.2.7", 4000)).outcome());
        assertEquals(Outcome.OK, t.authenticate("acmesys", "pw", new InetSocketAddress("2001:db8::9", 4000)).outcome());
        assertEquals(Outcome.FORBIDDEN_SOURCE,
                t.authenticate("acmesys", "pw", new InetSocketAddress("10.2.0.1", 4000)).outcome());
        assertEquals(Outcome.FORBIDDEN_SOURCE,
                t.authenticate("acmesys", "pw", new InetSocketAddress("192.0.2.8", 4000)).outcome());
        // refused before the password is looked at, and without taking a bind slot
        assertEquals(Outcome.FORBIDDEN_SOURCE,
                t.authenticate("acmesys", "wrong", new InetSocketAddress("127.0.0.1", 4000)).outcome());
        assertEquals(Outcome.FORBIDDEN_SOURCE, t.authenticate("acmesys", "pw", null).outcome());
    }

    @Test
    void aSuccessfulBindHoldsASlotUntilUnbound() {
        assertEquals(Outcome.OK, table.authenticate("acmesys", "pw", null).outcome()); // maxBinds is 1
        assertEquals(Outcome.TOO_MANY_BINDS, table.authenticate("acmesys", "pw", null).outcome());
        table.unbound("acme");
        assertEquals(Outcome.OK, table.authenticate("acmesys", "pw", null).outcome());
    }

    @Test
    void concurrentBindsNeverExceedTheLimit() throws Exception {
        TenantTable wide = new TenantTable(List.of(tenant("acme").systemId("acmesys").window(7).maxBinds(50).build()));
        AtomicInteger ok = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    if (wide.authenticate("acmesys", "pw", null).outcome() == Outcome.OK) {
                        ok.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(50, ok.get());
    }

    /**
     * An unknown system_id or a caller from the wrong network costs the key derivation a wrong password costs, so the
     * time of a refusal does not tell which system_ids exist (issue 13). Counted, not timed.
     */
    @Test
    void everyRefusalCostsOneHashCheckWhenPasswordsAreHashed() {
        String hashed = PasswordHash.create("right", 1_000);
        TenantTable t = new TenantTable(List.of(
                tenant("acme").systemId("acmesys").password(hashed).window(7).maxBinds(5).build(),
                tenant("lab").systemId("labsys").password(hashed).window(7).maxBinds(5).allowedSources("10.0.0.0/8")
                        .build()));
        InetSocketAddress outside = new InetSocketAddress("192.0.2.1", 4000);

        assertEquals(1, derivationsFor(() -> assertEquals(Outcome.BAD_PASSWORD,
                t.authenticate("acmesys", "wrong", outside).outcome())));
        assertEquals(1, derivationsFor(() -> assertEquals(Outcome.UNKNOWN_SYSTEM_ID,
                t.authenticate("nobody", "wrong", outside).outcome())));
        assertEquals(1, derivationsFor(() -> assertEquals(Outcome.FORBIDDEN_SOURCE,
                t.authenticate("labsys", "right", outside).outcome())));
        assertEquals(1, derivationsFor(() -> assertEquals(Outcome.UNKNOWN_SYSTEM_ID,
                t.authenticate(null, null, outside).outcome())));
    }

    private static long derivationsFor(Runnable bind) {
        long before = PasswordHash.derivations();
        bind.run();
        return PasswordHash.derivations() - before;
    }
}
