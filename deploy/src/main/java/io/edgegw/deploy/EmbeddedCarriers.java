package io.edgegw.deploy;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.util.ArrayList;
import java.util.List;

/** Simulated SMSCs started in the launcher's process, closed together. */
final class EmbeddedCarriers implements AutoCloseable {
    private final List<SimulatedSmsc> smscs = new ArrayList<>();

    static EmbeddedCarriers start(List<SmscConfig> configs) throws InterruptedException {
        EmbeddedCarriers carriers = new EmbeddedCarriers();
        try {
            for (SmscConfig config : configs) {
                carriers.smscs.add(SimulatedSmsc.start(config));
            }
        } catch (RuntimeException | InterruptedException e) {
            carriers.close();
            throw e;
        }
        return carriers;
    }

    List<SimulatedSmsc> smscs() {
        return smscs;
    }

    long submitsReceived() {
        return smscs.stream().mapToLong(s -> s.counters().submitsReceived()).sum();
    }

    long receiptsAcknowledged() {
        return smscs.stream().mapToLong(s -> s.counters().receiptsAcknowledged()).sum();
    }

    @Override
    public void close() {
        smscs.forEach(SimulatedSmsc::close);
    }
}
