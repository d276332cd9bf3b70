package io.edgegw.simulator.load;

import io.edgegw.simulator.wire.Digits;

import java.util.Objects;

/**
 * One load run playing a tenant: {@code sessions} transceiver binds sharing {@code targetRate} (0 = as fast as
 * the windows allow), each with at most {@code window} submit_sm outstanding. The run is bounded by
 * {@code messages} and, when positive, by {@code durationSeconds} of submitting; {@code timeoutSeconds} caps
 * the whole run, receipts included. {@code messages} counts submit_sm: a long text cut into UDH parts takes one per
 * part ({@link MessagePlan}); {@code textMix} says which texts go.
 */
public record LoadConfig(
        String host,
        int port,
        String systemId,
        String password,
        int sessions,
        long messages,
        long durationSeconds,
        int targetRate,
        int window,
        String sourceAddress,
        String destinationPrefix,
        int destinationCount,
        boolean registeredDelivery,
        long receiptTimeoutSeconds,
        long responseTimeoutSeconds,
        long timeoutSeconds,
        boolean progressEverySecond,
        TextMix textMix) {

    /** As the canonical constructor, every message today's short text ({@link TextMix#DEFAULT}). */
    public LoadConfig(String host, int port, String systemId, String password, int sessions, long messages,
                      long durationSeconds, int targetRate, int window, String sourceAddress, String destinationPrefix,
                      int destinationCount, boolean registeredDelivery, long receiptTimeoutSeconds,
                      long responseTimeoutSeconds, long timeoutSeconds, boolean progressEverySecond) {
        this(host, port, systemId, password, sessions, messages, durationSeconds, targetRate, window, sourceAddress,
                destinationPrefix, destinationCount, registeredDelivery, receiptTimeoutSeconds, responseTimeoutSeconds,
                timeoutSeconds, progressEverySecond, TextMix.DEFAULT);
    }

    public LoadConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemId, "systemId");
        password = password == null ? "" : password;
        require(port > 0 && port <= 65_535, "port must be 1..65535: " + port);
        require(sessions > 0, "sessions must be > 0: " + sessions);
        require(messages >= 0 && durationSeconds >= 0, "messages and durationSeconds must be >= 0");
        require(targetRate >= 0, "targetRate must be >= 0: " + targetRate);
        if (messages == 0) {
            // Bounded in count whatever the flags: a duration alone needs a rate to size the run.
            require(durationSeconds > 0 && targetRate > 0,
                    "messages must be > 0 unless both durationSeconds and targetRate are set");
            messages = durationSeconds * targetRate;
        }
        require(window > 0, "window must be > 0: " + window);
        require(destinationCount > 0, "destinationCount must be > 0: " + destinationCount);
        require(receiptTimeoutSeconds >= 0, "receiptTimeoutSeconds must be >= 0: " + receiptTimeoutSeconds);
        require(responseTimeoutSeconds > 0, "responseTimeoutSeconds must be > 0: " + responseTimeoutSeconds);
        require(timeoutSeconds > 0, "timeoutSeconds must be > 0: " + timeoutSeconds);
        sourceAddress = sourceAddress == null ? "1000" : sourceAddress;
        textMix = textMix == null ? TextMix.DEFAULT : textMix;
        destinationPrefix = destinationPrefix == null ? "4470" : destinationPrefix;
        // SMPP 3.4 field limits (5.2), checked here so a bad flag fails before any connection rather than on the wire.
        require(systemId.length() <= 15, "systemId must be at most 15 characters: " + systemId);
        require(password.length() <= 8, "password must be at most 8 characters");
        require(sourceAddress.length() <= 20, "sourceAddress must be at most 20 characters: " + sourceAddress);
        int destinationLength = destinationPrefix.length() + Long.toString(Math.max(0, destinationCount - 1)).length();
        require(destinationLength <= 20, "destinationPrefix plus the digits of destinationCount must be at most 20"
                + " characters: " + destinationLength);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code messages} over {@code sessions} binds, unpaced, window 10, receipts requested, 30 s to collect them. */
    public static LoadConfig of(String host, int port, String systemId, String password, int sessions, long messages) {
        return new LoadConfig(host, port, systemId, password, sessions, messages, 0, 0, 10, "1000", "4470",
                1_000_000, true, 30, 10, 300, false);
    }

    public LoadConfig withRate(int rate, int newWindow) {
        return new LoadConfig(host, port, systemId, password, sessions, messages, durationSeconds, rate, newWindow,
                sourceAddress, destinationPrefix, destinationCount, registeredDelivery, receiptTimeoutSeconds,
                responseTimeoutSeconds, timeoutSeconds, progressEverySecond, textMix);
    }

    public LoadConfig withReceipts(boolean requested, long timeout) {
        return new LoadConfig(host, port, systemId, password, sessions, messages, durationSeconds, targetRate, window,
                sourceAddress, destinationPrefix, destinationCount, requested, timeout,
                responseTimeoutSeconds, timeoutSeconds, progressEverySecond, textMix);
    }

    /** The same run sending {@code mix} of short, long and Unicode texts. */
    public LoadConfig withTextMix(TextMix mix) {
        return new LoadConfig(host, port, systemId, password, sessions, messages, durationSeconds, targetRate, window,
                sourceAddress, destinationPrefix, destinationCount, registeredDelivery, receiptTimeoutSeconds,
                responseTimeoutSeconds, timeoutSeconds, progressEverySecond, mix);
    }

    /** Digits after the prefix: enough for {@code destinationCount - 1}. */
    int destinationWidth() {
        return Long.toString(Math.max(0, destinationCount - 1)).length();
    }

    /**
     * The destination of message {@code index}, appended to {@code into}: prefix plus a zero-padded number cycling
     * through the range ({@code width} from {@link #destinationWidth()}, worked out once).
     */
    void appendDestination(StringBuilder into, long index, int width) {
        long number = index % destinationCount;
        into.append(destinationPrefix);
        for (int digits = Digits.decimalLength(number); digits < width; digits++) {
            into.append('0');
        }
        into.append(number);
    }
}
