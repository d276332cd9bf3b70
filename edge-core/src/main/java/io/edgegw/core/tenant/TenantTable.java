package io.edgegw.core.tenant;

import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.spi.TenantDirectory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tenants from the configuration, looked up by SMPP system_id. Every successful bind, of any type, holds one
 * of the tenant's {@code maxBinds} from {@link #authenticate} until {@link #unbound}.
 */
public final class TenantTable implements TenantDirectory {
    private final Map<String, TenantConfig> bySystemId = new HashMap<>();
    private final Map<String, TenantConfig> byId = new HashMap<>();
    private final Map<String, AtomicInteger> binds = new ConcurrentHashMap<>();
    private final Map<String, List<Cidr>> sources = new HashMap<>();

    public TenantTable(List<TenantConfig> tenants) {
        for (TenantConfig t : tenants) {
            bySystemId.put(t.systemId(), t);
            byId.put(t.id(), t);
            binds.put(t.id(), new AtomicInteger());
            sources.put(t.id(), t.allowedSources().stream().map(Cidr::parse).toList());
        }
    }

    @Override
    public Auth authenticate(String systemId, String password, InetSocketAddress remote) {
        TenantConfig t = systemId == null ? null : bySystemId.get(systemId);
        if (t == null) {
            return new Auth(Outcome.UNKNOWN_SYSTEM_ID, null);
        }
        // before the password: a caller from the wrong network learns nothing about the credentials
        if (!allowed(t.id(), remote)) {
            return new Auth(Outcome.FORBIDDEN_SOURCE, null);
        }
        // constant-time comparison: the answer's timing must not reveal how much of a password matched
        byte[] given = (password == null ? "" : password).getBytes(StandardCharsets.ISO_8859_1);
        if (!MessageDigest.isEqual(given, t.password().getBytes(StandardCharsets.ISO_8859_1))) {
            return new Auth(Outcome.BAD_PASSWORD, null);
        }
        AtomicInteger held = binds.get(t.id());
        for (int n = held.get(); ; n = held.get()) {
            if (n >= t.maxBinds()) {
                return new Auth(Outcome.TOO_MANY_BINDS, null);
            }
            if (held.compareAndSet(n, n + 1)) {
                return new Auth(Outcome.OK, t.id());
            }
        }
    }

    private boolean allowed(String tenantId, InetSocketAddress remote) {
        List<Cidr> allowed = sources.get(tenantId);
        if (allowed.isEmpty()) {
            return true;
        }
        if (remote == null || remote.getAddress() == null) {
            return false;
        }
        for (Cidr c : allowed) {
            if (c.contains(remote.getAddress())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int receiverWindow(String tenantId) {
        TenantConfig t = byId.get(tenantId);
        return t == null ? 1 : t.window();
    }

    @Override
    public void unbound(String tenantId) {
        AtomicInteger n = binds.get(tenantId);
        if (n != null) {
            n.updateAndGet(v -> Math.max(0, v - 1));
        }
    }
}
