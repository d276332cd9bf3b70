package io.edgegw.deploy;

import io.edgegw.simulator.sip.SimulatedTrunk;
import io.edgegw.simulator.sip.TrunkConfig;
import io.edgegw.simulator.smsc.FaultAdmin;
import java.io.IOException;

import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;

import java.util.ArrayList;
import java.util.List;

/** Simulated SMSCs and SIP trunks started in the launcher's process, closed together. */
final class EmbeddedCarriers implements AutoCloseable {
    private final List<SimulatedSmsc> smscs = new ArrayList<>();
    private final java.util.Map<String, SimulatedTrunk> trunks = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, FaultAdmin> admins = new java.util.LinkedHashMap<>();

    static EmbeddedCarriers start(List<SmscConfig> configs) throws InterruptedException, IOException {
        return start(configs, java.util.Collections.nCopies(configs.size(), null));
    }

    /** Starts each simulator, and its fault admin endpoint where {@code adminPorts} has a port (else null). */
    static EmbeddedCarriers start(List<SmscConfig> configs, List<Integer> adminPorts)
            throws InterruptedException, IOException {
        return start(configs, adminPorts, java.util.Map.of());
    }

    /** The simulators of a launcher config file: its SMSCs (with their fault admins) and its SIP trunks. */
    static EmbeddedCarriers start(EdgeConfigFile file) throws InterruptedException, IOException {
        return start(file.simulators(), file.simulatorAdminPorts(), file.sipTrunks());
    }

    /** As above, plus a simulated SIP trunk for each of {@code sipTrunks}, by id. */
    static EmbeddedCarriers start(List<SmscConfig> configs, List<Integer> adminPorts,
                                  java.util.Map<String, TrunkConfig> sipTrunks) throws InterruptedException, IOException {
        EmbeddedCarriers carriers = new EmbeddedCarriers();
        try {
            for (java.util.Map.Entry<String, TrunkConfig> trunk : sipTrunks.entrySet()) {
                carriers.trunks.put(trunk.getKey(), SimulatedTrunk.start(trunk.getValue()));
            }
            for (int i = 0; i < configs.size(); i++) {
                SimulatedSmsc smsc = SimulatedSmsc.start(configs.get(i));
                carriers.smscs.add(smsc);
                if (adminPorts.get(i) != null) {
                    carriers.admins.put(smsc.config().id(), FaultAdmin.start(smsc, adminPorts.get(i)));
                }
            }
        } catch (RuntimeException | InterruptedException | IOException e) {
            carriers.close();
            throw e;
        }
        return carriers;
    }

    /** Fault admin endpoints started, by simulator id. */
    java.util.Map<String, FaultAdmin> admins() {
        return admins;
    }

    List<SimulatedSmsc> smscs() {
        return smscs;
    }

    /** Simulated SIP trunks started, by id. */
    java.util.Map<String, SimulatedTrunk> trunks() {
        return trunks;
    }

    long submitsReceived() {
        return smscs.stream().mapToLong(s -> s.counters().submitsReceived()).sum();
    }

    long receiptsAcknowledged() {
        return smscs.stream().mapToLong(s -> s.counters().receiptsAcknowledged()).sum();
    }

    @Override
    public void close() {
        admins.values().forEach(FaultAdmin::close);
        smscs.forEach(SimulatedSmsc::close);
        trunks.values().forEach(SimulatedTrunk::close);
    }
}
