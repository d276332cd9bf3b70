package io.edgegw.simulator.smsc;

import java.util.Objects;

/**
 * One simulated SMSC. {@code port} 0 binds an ephemeral port ({@link SimulatedSmsc#port()} tells the real one);
 * null {@code systemId}/{@code password} accept any; {@code maxSubmitsPerSecond} 0 is unlimited.
 *
 * @param receiptsOnRandomBind deliver each receipt on a receiving bind of the system_id drawn at random, as real SMSCs
 *                             do, rather than on the bind that took the submit
 */
public record SmscConfig(
        String id,
        String host,
        int port,
        String systemId,
        String password,
        long submitLatencyMillis,
        long receiptDelayMillis,
        OutcomeMix outcomes,
        int maxSubmitsPerSecond,
        MessageIdFormat messageIdFormat,
        boolean sendReceipts,
        long receiptResendMillis,
        int heldReceiptLimit,
        boolean receiptsOnRandomBind) {

    public static final int DEFAULT_PORT = 2776;
    public static final long DEFAULT_RECEIPT_RESEND_MILLIS = 5_000;
    public static final int DEFAULT_HELD_RECEIPT_LIMIT = 100_000;

    public SmscConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (submitLatencyMillis < 0) {
            throw new IllegalArgumentException("submitLatencyMillis must be >= 0: " + submitLatencyMillis);
        }
        if (receiptDelayMillis < 0) {
            throw new IllegalArgumentException("receiptDelayMillis must be >= 0: " + receiptDelayMillis);
        }
        if (maxSubmitsPerSecond < 0) {
            throw new IllegalArgumentException("maxSubmitsPerSecond must be >= 0: " + maxSubmitsPerSecond);
        }
        if (receiptResendMillis <= 0) {
            throw new IllegalArgumentException("receiptResendMillis must be > 0: " + receiptResendMillis);
        }
        if (heldReceiptLimit <= 0) {
            throw new IllegalArgumentException("heldReceiptLimit must be > 0: " + heldReceiptLimit);
        }
        outcomes = outcomes == null ? OutcomeMix.ALL_DELIVERED : outcomes;
        messageIdFormat = messageIdFormat == null ? MessageIdFormat.HEX : messageIdFormat;
    }

    /** Receipts on the bind that took the submit where it can receive them. */
    public SmscConfig(String id, String host, int port, String systemId, String password, long submitLatencyMillis,
                      long receiptDelayMillis, OutcomeMix outcomes, int maxSubmitsPerSecond,
                      MessageIdFormat messageIdFormat, boolean sendReceipts, long receiptResendMillis,
                      int heldReceiptLimit) {
        this(id, host, port, systemId, password, submitLatencyMillis, receiptDelayMillis, outcomes, maxSubmitsPerSecond,
                messageIdFormat, sendReceipts, receiptResendMillis, heldReceiptLimit, false);
    }

    /** An SMSC that accepts anyone, answers at once, and delivers every message after {@code receiptDelayMillis}. */
    public static SmscConfig defaults(String host, int port) {
        return new SmscConfig("smsc", host, port, null, null, 0, 0, OutcomeMix.ALL_DELIVERED, 0,
                MessageIdFormat.HEX, true, DEFAULT_RECEIPT_RESEND_MILLIS, DEFAULT_HELD_RECEIPT_LIMIT);
    }

    public SmscConfig withCredentials(String newSystemId, String newPassword) {
        return new SmscConfig(id, host, port, newSystemId, newPassword, submitLatencyMillis, receiptDelayMillis,
                outcomes, maxSubmitsPerSecond, messageIdFormat, sendReceipts, receiptResendMillis, heldReceiptLimit,
                receiptsOnRandomBind);
    }

    public SmscConfig withTiming(long newSubmitLatencyMillis, long newReceiptDelayMillis) {
        return new SmscConfig(id, host, port, systemId, password, newSubmitLatencyMillis, newReceiptDelayMillis,
                outcomes, maxSubmitsPerSecond, messageIdFormat, sendReceipts, receiptResendMillis, heldReceiptLimit,
                receiptsOnRandomBind);
    }

    public SmscConfig withOutcomes(OutcomeMix newOutcomes) {
        return new SmscConfig(id, host, port, systemId, password, submitLatencyMillis, receiptDelayMillis,
                newOutcomes, maxSubmitsPerSecond, messageIdFormat, sendReceipts, receiptResendMillis, heldReceiptLimit,
                receiptsOnRandomBind);
    }

    public SmscConfig withMaxSubmitsPerSecond(int newMax) {
        return new SmscConfig(id, host, port, systemId, password, submitLatencyMillis, receiptDelayMillis,
                outcomes, newMax, messageIdFormat, sendReceipts, receiptResendMillis, heldReceiptLimit,
                receiptsOnRandomBind);
    }

    public SmscConfig withMessageIdFormat(MessageIdFormat format) {
        return new SmscConfig(id, host, port, systemId, password, submitLatencyMillis, receiptDelayMillis,
                outcomes, maxSubmitsPerSecond, format, sendReceipts, receiptResendMillis, heldReceiptLimit,
                receiptsOnRandomBind);
    }

    public SmscConfig withReceipts(boolean send, long resendMillis) {
        return new SmscConfig(id, host, port, systemId, password, submitLatencyMillis, receiptDelayMillis,
                outcomes, maxSubmitsPerSecond, messageIdFormat, send, resendMillis, heldReceiptLimit,
                receiptsOnRandomBind);
    }

    /** Each receipt on a receiving bind of its system_id drawn at random ({@code true}), as real SMSCs do. */
    public SmscConfig withReceiptsOnRandomBind(boolean random) {
        return new SmscConfig(id, host, port, systemId, password, submitLatencyMillis, receiptDelayMillis,
                outcomes, maxSubmitsPerSecond, messageIdFormat, sendReceipts, receiptResendMillis, heldReceiptLimit,
                random);
    }
}
