package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTenant;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.tenant.Cidr;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** Whose call is it: the first tenant, in configuration order, one of whose {@code sipSources} holds the address. */
final class TenantSources {
    private record Source(Cidr block, String tenantId) {
    }

    private final List<Source> sources = new ArrayList<>();

    TenantSources(List<TenantConfig> tenants) {
        for (TenantConfig t : tenants) {
            for (String s : SipTenant.of(t).sipSources()) {
                sources.add(new Source(Cidr.parse(s), t.id()));
            }
        }
    }

    /** The tenant id, or null when no tenant places calls from there. */
    String tenantOf(InetAddress source) {
        if (source == null) {
            return null;
        }
        for (Source s : sources) {
            if (s.block().contains(source)) {
                return s.tenantId();
            }
        }
        return null;
    }
}
