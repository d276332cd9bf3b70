package io.edgegw.core.receipt;

/** Which tenant message a carrier message id belongs to. */
public record Correlation(String tenantId, long gatewayId, byte registeredDelivery) {
}
