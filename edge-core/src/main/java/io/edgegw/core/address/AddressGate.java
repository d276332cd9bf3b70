package io.edgegw.core.address;

import io.edgegw.core.message.ShortMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One tenant's {@link AddressRules} on the submit path, with the refusals counted in
 * {@code edge_tenant_submits_refused_total{tenant, reason="source_address"|"destination_address"}}. Called on a
 * connector's I/O thread before the message goes to the core: never blocks, allocates nothing for a tenant without
 * rules, and only the rewritten copy when a destination changes.
 */
public final class AddressGate {
    /** Why a submit was refused; the connector answers in its protocol (SMPP: ESME_RINVSRCADR, ESME_RINVDSTADR). */
    public enum Refusal { SOURCE, DESTINATION }

    private final AddressRules rules;
    private final boolean open;
    private final Counter sourceRefused;
    private final Counter destinationRefused;

    public AddressGate(String tenantId, AddressRules rules, MeterRegistry meters) {
        this.rules = rules == null ? AddressRules.NONE : rules;
        this.open = this.rules.isOpen();
        this.sourceRefused = refusals(meters, tenantId, "source_address");
        this.destinationRefused = refusals(meters, tenantId, "destination_address");
    }

    private static Counter refusals(MeterRegistry meters, String tenantId, String reason) {
        return Counter.builder("edge_tenant_submits_refused").tag("tenant", tenantId).tag("reason", reason)
                .description("submit_sm answered with a refusal before reaching the queue").register(meters);
    }

    public AddressRules rules() {
        return rules;
    }

    /** The refusal for this message's source, counted, or null when the tenant may send from it. */
    public Refusal checkSource(ShortMessage m) {
        if (open || rules.senderAllowed(m.sourceTon(), m.sourceAddr())) {
            return null;
        }
        sourceRefused.increment();
        return Refusal.SOURCE;
    }

    /**
     * The message to queue and route: {@code m} itself when its destination stands as written, a copy whose
     * destination is the E.164 digits (TON 1, NPI 1) when the tenant's number plan rewrote it, or null when the
     * destination is refused (counted).
     */
    public ShortMessage routable(ShortMessage m) {
        if (open) {
            return m;
        }
        String dest = rules.destination(m.destTon(), m.destAddr());
        if (dest == null) {
            destinationRefused.increment();
            return null;
        }
        if (dest == m.destAddr()) { // the same instance: nothing changed, nothing to copy
            return m;
        }
        return m.withDestination(Ton.INTERNATIONAL, Ton.NPI_ISDN, dest);
    }
}
