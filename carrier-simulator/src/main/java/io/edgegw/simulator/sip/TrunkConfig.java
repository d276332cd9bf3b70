package io.edgegw.simulator.sip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One simulated SIP trunk. It listens on UDP {@code port} and, when {@code tcp}, on TCP too (the same port number;
 * with 0 each gets a free port, {@link SimulatedTrunk#port(io.edgegw.sipstack.transport.Transport)} tells them);
 * on TLS when {@code tlsPort} is not -1, with a PEM certificate chain and PKCS#8 key. {@code answerLatencyMillis}
 * passes before the first answer past 100 Trying, {@code ringMillis} between 180 Ringing and 200 OK;
 * {@code callDurationMillis} &gt; 0 makes the trunk hang up answered calls itself after that long.
 */
public record TrunkConfig(
        String host,
        int port,
        CallMix mix,
        long answerLatencyMillis,
        long ringMillis,
        long callDurationMillis,
        boolean tcp,
        int tlsPort,
        Path tlsCertChain,
        Path tlsKey) {

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
        if (tlsPort < -1 || tlsPort > 65_535) {
            throw new IllegalArgumentException("tlsPort must be -1 (no TLS) or 0..65535: " + tlsPort);
        }
        if (tlsPort >= 0) {
            readable("tlsCertChain", tlsCertChain);
            readable("tlsKey", tlsKey);
        }
        mix = mix == null ? CallMix.ALL_ANSWERED : mix;
    }

    /** UDP and TCP on {@code port}, no TLS. */
    public TrunkConfig(String host, int port, CallMix mix, long answerLatencyMillis, long ringMillis,
                       long callDurationMillis) {
        this(host, port, mix, answerLatencyMillis, ringMillis, callDurationMillis, true, -1, null, null);
    }

    /** A trunk that answers every call at once and leaves the hanging up to the caller. */
    public static TrunkConfig defaults(String host, int port) {
        return new TrunkConfig(host, port, CallMix.ALL_ANSWERED, 0, 0, 0);
    }

    public TrunkConfig withMix(CallMix newMix) {
        return new TrunkConfig(host, port, newMix, answerLatencyMillis, ringMillis, callDurationMillis, tcp, tlsPort,
                tlsCertChain, tlsKey);
    }

    public TrunkConfig withTiming(long newAnswerLatencyMillis, long newRingMillis) {
        return new TrunkConfig(host, port, mix, newAnswerLatencyMillis, newRingMillis, callDurationMillis, tcp,
                tlsPort, tlsCertChain, tlsKey);
    }

    public TrunkConfig withCallDuration(long newCallDurationMillis) {
        return new TrunkConfig(host, port, mix, answerLatencyMillis, ringMillis, newCallDurationMillis, tcp, tlsPort,
                tlsCertChain, tlsKey);
    }

    public TrunkConfig withTcp(boolean on) {
        return new TrunkConfig(host, port, mix, answerLatencyMillis, ringMillis, callDurationMillis, on, tlsPort,
                tlsCertChain, tlsKey);
    }

    /** Also listens on TLS {@code newTlsPort} (0: a free one) with this PEM certificate chain and key. */
    public TrunkConfig withTls(int newTlsPort, Path certChain, Path key) {
        return new TrunkConfig(host, port, mix, answerLatencyMillis, ringMillis, callDurationMillis, tcp, newTlsPort,
                certChain, key);
    }

    private static void readable(String field, Path file) {
        if (file == null || !Files.isReadable(file)) {
            throw new IllegalArgumentException(field + " must be a readable PEM file when TLS listens: " + file);
        }
    }
}
