package io.edgegw.deploy;

import io.edgegw.simulator.smsc.SubmitObserver;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What a simulated carrier read (every copy) and accepted, by message text: for tests of stops and restarts. */
final class SubmitCounts implements SubmitObserver {
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final Set<String> accepted = ConcurrentHashMap.newKeySet();

    @Override
    public void received(byte[] shortMessage) {
        received.computeIfAbsent(text(shortMessage), t -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void accepted(byte[] shortMessage, String messageId) {
        accepted.add(text(shortMessage));
    }

    /** How many copies of the message with this text the carrier read. */
    int copies(String text) {
        AtomicInteger n = received.get(text);
        return n == null ? 0 : n.get();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
