package io.edgegw.core.tenant;

import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.spi.TenantDirectory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Tenants from the configuration, looked up by SMPP system_id. Every successful bind, of any type, holds one
 * of the tenant's {@code maxBinds} from {@link #authenticate} until {@link #unbound}.
 */
public final class TenantTable implements TenantDirectory {
    private final Map<String, TenantConfig> bySystemId = new HashMap<>();
    private final Map<String, TenantConfig> byId = new HashMap<>();
    private final Map<String, AtomicInteger> binds = new ConcurrentHashMap<>();
    private final Map<String, List<Cidr>> sources = new HashMap<>();
    private final Map<String, PasswordHash> hashes = new HashMap<>();
    /**
     * For hashed passwords: a fast digest of the last password that passed PBKDF2, so a tenant's reconnects cost one
     * SHA-256 instead of the full hash. Keyed by a per-process secret, never written anywhere; one entry per tenant.
     */
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final byte[] processKey = new byte[32];
    /** True when some tenant may bind from anywhere: then no address can be refused at connect. */
    private final boolean anySource;
    /**
     * Checked when there is no password to check (unknown system_id, forbidden source), so that refusal costs what a
     * wrong password costs and its timing does not tell which system_ids exist: a hash of the cost most tenants'
     * hashes have, or a clear-text comparison when no tenant's password is hashed.
     */
    private final PasswordHash decoyHash;
    private final byte[] decoyClear = new byte[8];

    public TenantTable(List<TenantConfig> tenants) {
        for (TenantConfig t : tenants) {
            bySystemId.put(t.systemId(), t);
            byId.put(t.id(), t);
            binds.put(t.id(), new AtomicInteger());
            sources.put(t.id(), t.allowedSources().stream().map(Cidr::parse).toList());
            if (PasswordHash.looksHashed(t.password())) {
                hashes.put(t.id(), PasswordHash.parse(t.password()));
            }
        }
        anySource = tenants.isEmpty() || tenants.stream().anyMatch(t -> t.allowedSources().isEmpty());
        SecureRandom random = new SecureRandom();
        random.nextBytes(processKey);
        random.nextBytes(decoyClear);
        decoyHash = hashes.values().stream().collect(Collectors.groupingBy(PasswordHash::iterations)).values()
                .stream().max(Comparator.comparingInt(List::size)).map(sameCost -> sameCost.get(0).decoy())
                .orElse(null);
    }

    @Override
    public boolean mayConnect(InetAddress remote) {
        if (anySource) {
            return true;
        }
        for (List<Cidr> allowed : sources.values()) {
            for (Cidr c : allowed) {
                if (remote != null && c.contains(remote)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public Auth authenticate(String systemId, String password, InetSocketAddress remote) {
        TenantConfig t = systemId == null ? null : bySystemId.get(systemId);
        if (t == null) {
            checkDecoy(password);
            return new Auth(Outcome.UNKNOWN_SYSTEM_ID, null);
        }
        // not the real password: a caller from the wrong network learns nothing about the credentials
        if (!allowed(t.id(), remote)) {
            checkDecoy(password);
            return new Auth(Outcome.FORBIDDEN_SOURCE, null);
        }
        if (!passwordMatches(t, password == null ? "" : password)) {
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

    /** The work of a wrong password's check, with no password to check; the result is always false. */
    private void checkDecoy(String password) {
        String p = password == null ? "" : password;
        if (decoyHash != null) {
            decoyHash.matches(p);
        } else {
            MessageDigest.isEqual(p.getBytes(StandardCharsets.ISO_8859_1), decoyClear);
        }
    }

    private boolean passwordMatches(TenantConfig t, String password) {
        PasswordHash hash = hashes.get(t.id());
        if (hash == null) {
            // constant-time comparison: the answer's timing must not reveal how much of a password matched
            return MessageDigest.isEqual(password.getBytes(StandardCharsets.ISO_8859_1),
                    t.password().getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] fast = fastDigest(t.id(), password);
        byte[] known = verified.get(t.id());
        if (known != null && MessageDigest.isEqual(known, fast)) {
            return true;
        }
        if (!hash.matches(password)) {
            return false;
        }
        verified.put(t.id(), fast);
        return true;
    }

    private byte[] fastDigest(String tenantId, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(processKey);
            sha.update(tenantId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return sha.digest(password.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
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
