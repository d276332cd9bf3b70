package io.edgegw.smpp;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.spi.AckSink;
import io.edgegw.core.spi.BindState;
import io.edgegw.core.spi.CarrierBind;
import io.edgegw.core.spi.CarrierBindListener;
import io.edgegw.core.spi.GatewayContext;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.spi.TenantDirectory;
import io.edgegw.core.spi.TenantReceiver;
import io.edgegw.core.spi.TenantReceiverListener;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.testing.GatewayConfigs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the core: acknowledges every submit at once with its own ids and records everything it is told,
 * so tests can assert what a user of the gateway would see.
 */
public final class FakeCore implements GatewayContext, TenantDirectory, SubmitIngress, CarrierBindListener,
        TenantReceiverListener {
    public record Submitted(String tenantId, ShortMessage message, String gatewayId) {
    }

    public record Responded(OutboundSubmit submit, int status, String carrierMessageId) {
    }

    public record StateChange(BindState from, BindState to, String reason) {
    }

    public record DeliveryOutcome(TenantDelivery delivery, int status) {
    }

    private final GatewayConfig config;
    private final Map<String, TenantConfig> bySystemId = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** What the connectors registered, for tests to read their counters. */
    public final MeterRegistry meters = new SimpleMeterRegistry();

    public volatile boolean ringFull;
    /** When true, the ingress throws, as a buggy core would. */
    public volatile boolean explode;
    /** When true, carrier deliveries are refused (the core cannot take them now). */
    public volatile boolean refuseDeliveries;
    /** When not 0, submits are refused with this status (as the core's tenant gate would). */
    public volatile int refuseWith;
    /** When false, submits are taken but never acknowledged (to fill a session's limit). */
    public volatile boolean acknowledge = true;
    public final Queue<Submitted> submitted = new ConcurrentLinkedQueue<>();
    /** Tenants whose bound sessions ended, one entry per session. */
    public final Queue<String> unbound = new ConcurrentLinkedQueue<>();
    public final List<TenantReceiver> receivers = new CopyOnWriteArrayList<>();
    public final List<DeliveryOutcome> deliveryResponses = new CopyOnWriteArrayList<>();
    public final List<TenantDelivery> deliveriesUnanswered = new CopyOnWriteArrayList<>();
    public final List<CarrierBind> carrierBinds = new CopyOnWriteArrayList<>();
    public final List<Responded> submitResponses = new CopyOnWriteArrayList<>();
    public final List<OutboundSubmit> submitsUnanswered = new CopyOnWriteArrayList<>();
    public final List<CarrierDelivery> carrierDeliveries = new CopyOnWriteArrayList<>();
    /** Name of the bind each of {@link #carrierDeliveries} arrived on, in the same order. */
    public final List<String> carrierDeliveryBinds = new CopyOnWriteArrayList<>();
    public final List<StateChange> stateChanges = new CopyOnWriteArrayList<>();

    public FakeCore(List<TenantConfig> tenants, List<CarrierConfig> carriers, int enquireLinkSeconds) {
        this.config = GatewayConfigs.gatewayWithoutCore()
                .smpp(GatewayConfigs.smpp().maxPduBytes(4096).enquireLinkSeconds(enquireLinkSeconds)
                        .bindTimeoutSeconds(5))
                .tenants(tenants).carriers(carriers).build();
        tenants.forEach(t -> bySystemId.put(t.systemId(), t));
    }

    @Override public GatewayConfig config() { return config; }
    @Override public TenantDirectory tenants() { return this; }
    @Override public SubmitIngress ingress() { return this; }
    @Override public CarrierBindListener carrierListener() { return this; }
    @Override public TenantReceiverListener receiverListener() { return this; }
    @Override public void registerCarrierBind(CarrierBind bind) { carrierBinds.add(bind); }
    @Override public void unregisterCarrierBind(CarrierBind bind) { carrierBinds.remove(bind); }
    @Override public void registerReceiver(TenantReceiver receiver) { receivers.add(receiver); }
    @Override public void unregisterReceiver(TenantReceiver receiver) { receivers.remove(receiver); }
    @Override public MeterRegistry meters() { return meters; }

    @Override
    public Auth authenticate(String systemId, String password, InetSocketAddress remote) {
        TenantConfig t = bySystemId.get(systemId);
        if (t == null) {
            return new Auth(Outcome.UNKNOWN_SYSTEM_ID, null);
        }
        return t.password().equals(password) ? new Auth(Outcome.OK, t.id()) : new Auth(Outcome.BAD_PASSWORD, null);
    }

    @Override
    public void unbound(String tenantId) {
        unbound.add(tenantId);
    }

    @Override
    public int receiverWindow(String tenantId) {
        return 10;
    }

    @Override
    public int submit(String tenantId, ShortMessage message, AckSink ack, int sequenceNumber) {
        if (explode) {
            throw new IllegalStateException("core bug");
        }
        if (ringFull) {
            return 0x14; // ESME_RMSGQFUL
        }
        if (refuseWith != 0) {
            return refuseWith;
        }
        String id = "gw-" + ids.incrementAndGet();
        submitted.add(new Submitted(tenantId, message, id));
        if (acknowledge) {
            ack.accepted(sequenceNumber, id);
            ack.flush();
        }
        return TAKEN;
    }

    @Override
    public void submitResponded(CarrierBind bind, OutboundSubmit submit, int commandStatus, String carrierMessageId) {
        submitResponses.add(new Responded(submit, commandStatus, carrierMessageId));
    }

    @Override
    public void submitUnanswered(CarrierBind bind, OutboundSubmit submit) {
        submitsUnanswered.add(submit);
    }

    @Override
    public boolean deliverReceived(CarrierBind bind, CarrierDelivery delivery, AckSink ack, int sequenceNumber) {
        if (refuseDeliveries) {
            return false;
        }
        carrierDeliveryBinds.add(bind.name());
        carrierDeliveries.add(delivery);
        ack.accepted(sequenceNumber, null);
        ack.flush();
        return true;
    }

    @Override
    public void bindStateChanged(CarrierBind bind, BindState from, BindState to, String reason) {
        stateChanges.add(new StateChange(from, to, reason));
    }

    @Override
    public void deliveryResponded(TenantReceiver receiver, TenantDelivery delivery, int commandStatus) {
        deliveryResponses.add(new DeliveryOutcome(delivery, commandStatus));
    }

    @Override
    public void deliveryUnanswered(TenantReceiver receiver, TenantDelivery delivery) {
        deliveriesUnanswered.add(delivery);
    }
}
