package io.edgegw.simulator.sip;

import io.edgegw.sipstack.transport.Transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One call load run over {@code transport} (UDP, TCP or TLS): {@code total} calls to {@code targetHost:targetPort} at {@code callsPerSecond}, never
 * more than {@code maxConcurrent} under way. Each Request-URI user is {@code numberPrefix} followed by a sequence
 * number; answered calls are held {@code holdMillis} (0 = hang up at once) before the BYE. A call with no final
 * response {@code setupTimeoutMillis} after its INVITE counts as timed out. Over TLS the target's certificate must
 * chain to {@code tlsTrust} (PEM; null: the JDK's trust store) and name the target host.
 */
public record CallLoadConfig(
        String targetHost,
        int targetPort,
        String localHost,
        int callsPerSecond,
        long total,
        int maxConcurrent,
        String numberPrefix,
        long holdMillis,
        long setupTimeoutMillis,
        Transport transport,
        Path tlsTrust) {

    public static final long DEFAULT_SETUP_TIMEOUT_MILLIS = 10_000;

    public CallLoadConfig {
        Objects.requireNonNull(targetHost, "targetHost");
        Objects.requireNonNull(localHost, "localHost");
        Objects.requireNonNull(numberPrefix, "numberPrefix");
        if (targetPort < 1 || targetPort > 65_535) {
            throw new IllegalArgumentException("targetPort must be 1..65535: " + targetPort);
        }
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be >= 1: " + callsPerSecond);
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0: " + total);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1: " + maxConcurrent);
        }
        if (holdMillis < 0) {
            throw new IllegalArgumentException("holdMillis must be >= 0: " + holdMillis);
        }
        if (setupTimeoutMillis < 1) {
            throw new IllegalArgumentException("setupTimeoutMillis must be >= 1: " + setupTimeoutMillis);
        }
        transport = transport == null ? Transport.UDP : transport;
        if (tlsTrust != null && !Files.isReadable(tlsTrust)) {
            throw new IllegalArgumentException("tlsTrust is not a readable PEM file: " + tlsTrust);
        }
    }

    /** Over UDP. */
    public CallLoadConfig(String targetHost, int targetPort, String localHost, int callsPerSecond, long total,
                          int maxConcurrent, String numberPrefix, long holdMillis, long setupTimeoutMillis) {
        this(targetHost, targetPort, localHost, callsPerSecond, total, maxConcurrent, numberPrefix, holdMillis,
                setupTimeoutMillis, Transport.UDP, null);
    }

    /** Calls from 127.0.0.1, hung up at once, at most 1000 at a time, 10 s to a final response. */
    public static CallLoadConfig of(String targetHost, int targetPort, int callsPerSecond, long total, String numberPrefix) {
        return new CallLoadConfig(targetHost, targetPort, "127.0.0.1", callsPerSecond, total, 1_000, numberPrefix, 0,
                DEFAULT_SETUP_TIMEOUT_MILLIS);
    }

    public CallLoadConfig withHold(long newHoldMillis) {
        return new CallLoadConfig(targetHost, targetPort, localHost, callsPerSecond, total, maxConcurrent, numberPrefix,
                newHoldMillis, setupTimeoutMillis, transport, tlsTrust);
    }

    public CallLoadConfig withMaxConcurrent(int newMaxConcurrent) {
        return new CallLoadConfig(targetHost, targetPort, localHost, callsPerSecond, total, newMaxConcurrent,
                numberPrefix, holdMillis, setupTimeoutMillis, transport, tlsTrust);
    }

    /** Calls over {@code newTransport}; {@code trust} is the TLS trust bundle (null: the JDK's). */
    public CallLoadConfig withTransport(Transport newTransport, Path trust) {
        return new CallLoadConfig(targetHost, targetPort, localHost, callsPerSecond, total, maxConcurrent,
                numberPrefix, holdMillis, setupTimeoutMillis, newTransport, trust);
    }
}
