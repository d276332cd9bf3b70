package io.edgegw.core.receipt;

/**
 * Which tenant message a carrier message id belongs to. For a message its bind sent split into parts
 * ({@code carriers[].longMessages}), {@code parts} says how many and {@code part} which one this id is (1-based);
 * a message sent whole has 1 and 1.
 */
public record Correlation(String tenantId, long gatewayId, byte registeredDelivery, int parts, int part) {
    /** A message sent whole. */
    public Correlation(String tenantId, long gatewayId, byte registeredDelivery) {
        this(tenantId, gatewayId, registeredDelivery, 1, 1);
    }
}
