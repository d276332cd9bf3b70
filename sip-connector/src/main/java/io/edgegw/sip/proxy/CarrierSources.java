package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTrunkConfig;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.tenant.Cidr;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Is this INVITE a carrier's (an inbound call)? A carrier's trunk is matched by the address and port of its
 * {@code sip} entry, since a trunk sends from the port it listens on; its {@code sip.sources} by address only, any
 * port. Carriers are asked before tenants' {@code sipSources}, so a tenant sharing a carrier's address (loopback)
 * is still told apart by its port, unless a carrier lists that address in its sources.
 */
final class CarrierSources {
    private static final Logger LOG = LoggerFactory.getLogger(CarrierSources.class);

    private record Endpoint(InetAddress address, int port, String carrierId) {
    }

    private record Block(Cidr block, String carrierId) {
    }

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();

    /** Resolves the trunks' host names once, here (at start, not on a SIP thread). */
    CarrierSources(List<CarrierConfig> carriers) {
        for (CarrierConfig c : carriers) {
            SipTrunkConfig trunk = SipTrunkConfig.of(c);
            if (trunk == null) {
                continue;
            }
            try {
                endpoints.add(new Endpoint(InetAddress.getByName(trunk.host()), trunk.port(), c.id()));
            } catch (UnknownHostException e) {
                LOG.warn("carrier {}: SIP host '{}' does not resolve; calls from it are not recognised as inbound",
                        c.id(), trunk.host());
            }
            for (String s : trunk.sources()) {
                blocks.add(new Block(Cidr.parse(s), c.id()));
            }
        }
    }

    /** The carrier the INVITE comes from, or null when it comes from no carrier. */
    String carrierOf(InetAddress source, int port) {
        if (source == null) {
            return null;
        }
        for (Endpoint e : endpoints) {
            if (e.port() == port && e.address().equals(source)) {
                return e.carrierId();
            }
        }
        for (Block b : blocks) {
            if (b.block().contains(source)) {
                return b.carrierId();
            }
        }
        return null;
    }
}
