package io.edgegw.simulator.sip;

import java.util.Objects;

/**
 * One simulated SIP trunk on UDP. {@code port} 0 picks a free port ({@link SimulatedTrunk#port()} tells it);
 * {@code answerLatencyMillis} passes before the first provisional response, {@code ringMillis} between 180 Ringing
 * and 200 OK; {@code callDurationMillis} &gt; 0 makes the trunk hang up answered calls itself after that long.
 */
public record TrunkConfig(
        String host,
        int port,
        CallMix mix,
        long answerLatencyMillis,
        long ringMillis,
        long callDurationMillis) {

    public static final int DEFAULT_PORT = 5070;

    public TrunkConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (answerLatencyMillis < 0) {
            throw new IllegalArgumentException("answerLatencyMillis must be >= 0: " + answerLatencyMillis);
        }
        if (ringMillis < 0) {
            throw new IllegalArgumentException("ringMillis must be >= 0: " + ringMillis);
        }
        if (callDurationMillis < 0) {
            throw new IllegalArgumentException("callDurationMillis must be >= 0: " + callDurationMillis);
        }
        mix = mix == null ? CallMix.ALL_ANSWERED : mix;
    }

    /** A trunk that answers every call at once and leaves the hanging up to the caller. */
    public static TrunkConfig defaults(String host, int port) {
        return new TrunkConfig(host, port, CallMix.ALL_ANSWERED, 0, 0, 0);
    }

    public TrunkConfig withMix(CallMix newMix) {
        return new TrunkConfig(host, port, newMix, answerLatencyMillis, ringMillis, callDurationMillis);
    }

    public TrunkConfig withTiming(long newAnswerLatencyMillis, long newRingMillis) {
        return new TrunkConfig(host, port, mix, newAnswerLatencyMillis, newRingMillis, callDurationMillis);
    }

    public TrunkConfig withCallDuration(long newCallDurationMillis) {
        return new TrunkConfig(host, port, mix, answerLatencyMillis, ringMillis, newCallDurationMillis);
    }
}
