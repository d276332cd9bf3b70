package io.edgegw.core.pipeline;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.spi.AckSink;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.tenant.TenantGate;

import java.util.Map;

/** Tenant submits in: the tenant's gate (queue quota, token bucket) first, then the ring. */
public final class Ingress implements SubmitIngress {
    private final Map<String, TenantGate> gates;
    private final Ring ring;

    public Ingress(Map<String, TenantGate> gates, Ring ring) {
        this.gates = Map.copyOf(gates);
        this.ring = ring;
    }

    @Override
    public int submit(String tenantId, ShortMessage message, AckSink ack, int sequenceNumber) {
        return submit(tenantId, message, 0, ack, sequenceNumber);
    }

    @Override
    public int submit(String tenantId, ShortMessage message, long validUntilMillis, AckSink ack, int sequenceNumber) {
        TenantGate gate = gates.get(tenantId);
        if (gate == null) {
            return SmppStatus.ESME_RSYSERR; // a session bound to a tenant the configuration no longer has
        }
        int status = gate.admit(System.nanoTime());
        if (status != SmppStatus.ESME_ROK) {
            return status;
        }
        if (!ring.submit(tenantId, message, validUntilMillis, ack, sequenceNumber)) {
            gate.busy();
            return SmppStatus.ESME_RMSGQFUL;
        }
        return TAKEN;
    }
}
