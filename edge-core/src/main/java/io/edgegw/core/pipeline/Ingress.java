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
    /** Set once when the gateway begins to stop; from then on nothing new is taken. */
    private volatile boolean stopped;

    public Ingress(Map<String, TenantGate> gates, Ring ring) {
        this.gates = Map.copyOf(gates);
        this.ring = ring;
    }

    /**
     * The gateway is stopping: every later submit is answered ESME_RTHROTTLED, which every ESME takes as "send it
     * again later" (here: to this gateway once restarted, or to another instance). Submits already taken are
     * journaled and acknowledged as usual.
     */
    public void stop() {
        stopped = true;
    }

    @Override
    public int submit(String tenantId, ShortMessage message, AckSink ack, int sequenceNumber) {
        return submit(tenantId, message, 0, ack, sequenceNumber);
    }

    @Override
    public int submit(String tenantId, ShortMessage message, long validUntilMillis, AckSink ack, int sequenceNumber) {
        return submit(tenantId, message, validUntilMillis, 0, ack, sequenceNumber);
    }

    @Override
    public int submit(String tenantId, ShortMessage message, long validUntilMillis, long dueMillis, AckSink ack,
                      int sequenceNumber) {
        if (stopped) {
            return SmppStatus.ESME_RTHROTTLED;
        }
        TenantGate gate = gates.get(tenantId);
        if (gate == null) {
            return SmppStatus.ESME_RSYSERR; // a session bound to a tenant the configuration no longer has
        }
        long validUntil = gate.validUntil(validUntilMillis);
        if (dueMillis != 0 && !gate.schedulable(dueMillis, validUntil)) {
            return SmppStatus.ESME_RINVSCHED;
        }
        int status = gate.admit(System.nanoTime());
        if (status != SmppStatus.ESME_ROK) {
            return status;
        }
        if (!ring.submit(tenantId, message, validUntil, dueMillis, ack, sequenceNumber)) {
            gate.busy();
            return SmppStatus.ESME_RMSGQFUL;
        }
        return TAKEN;
    }
}
