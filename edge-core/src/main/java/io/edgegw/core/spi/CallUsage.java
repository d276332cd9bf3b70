package io.edgegw.core.spi;

/**
 * Where a connector reports each answered call for usage metering ({@link GatewayContext#callUsage}). Any thread;
 * never blocks and takes no lock: a full hand-off drops the call from usage (counted and logged by the core).
 */
public interface CallUsage {
    /** Meters nothing: for a gateway without usage metering. */
    CallUsage NONE = (tenantId, callId, carrierId, destination, seconds, endMillis) -> false;

    /**
     * An answered call of a tenant ended.
     *
     * @param carrierId   the carrier whose trunk answered it
     * @param destination the dialled number (a leading '+' and anything past the digits are ignored)
     * @param seconds     from answer to hang-up, before any billing increment
     * @param endMillis   when it ended (epoch ms), the time it counts at
     * @return false when it was dropped (the hand-off was full)
     */
    boolean callEnded(String tenantId, String callId, String carrierId, String destination, long seconds,
                      long endMillis);
}
