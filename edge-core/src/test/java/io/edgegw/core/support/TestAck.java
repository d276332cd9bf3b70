package io.edgegw.core.support;

import io.edgegw.core.spi.AckSink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Records what the journal answered, by sequence number: the gateway id, "" for a null id, or "!status". */
public final class TestAck implements AckSink {
    public final Map<Integer, String> answers = new ConcurrentHashMap<>();

    @Override
    public void accepted(int sequenceNumber, String messageId) {
        answers.put(sequenceNumber, messageId == null ? "" : messageId);
    }

    @Override
    public void rejected(int sequenceNumber, int commandStatus) {
        answers.put(sequenceNumber, "!" + commandStatus);
    }

    @Override
    public void flush() {
    }
}
