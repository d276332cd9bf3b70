package io.edgegw.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.edgegw.simulator.smsc.MessageIdFormat;
import io.edgegw.simulator.smsc.OutcomeMix;
import io.edgegw.simulator.smsc.SmscConfig;

/**
 * One entry of the launcher's {@code simulators:} section: a simulated SMSC embedded in {@code edge up}.
 * Omitted fields take the simulator's defaults (answer at once, every message DELIVRD).
 *
 * @param outcomes e.g. {@code DELIVRD=90,UNDELIV=10}
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SimulatorSpec(
        String id, String host, Integer port, String systemId, String password,
        Long submitLatencyMillis, Long receiptDelayMillis, String outcomes,
        Integer maxSubmitsPerSecond, String messageIdFormat) {

    SmscConfig toSmscConfig() {
        SmscConfig c = SmscConfig.defaults(host == null ? "127.0.0.1" : host, port == null ? SmscConfig.DEFAULT_PORT : port)
                .withCredentials(systemId, password)
                .withTiming(submitLatencyMillis == null ? 0 : submitLatencyMillis,
                        receiptDelayMillis == null ? 0 : receiptDelayMillis)
                .withMaxSubmitsPerSecond(maxSubmitsPerSecond == null ? 0 : maxSubmitsPerSecond);
        if (outcomes != null) {
            c = c.withOutcomes(OutcomeMix.parse(outcomes));
        }
        if (messageIdFormat != null) {
            c = c.withMessageIdFormat(MessageIdFormat.valueOf(messageIdFormat.toUpperCase(java.util.Locale.ROOT)));
        }
        return new SmscConfig(id == null ? "smsc" : id, c.host(), c.port(), c.systemId(), c.password(),
                c.submitLatencyMillis(), c.receiptDelayMillis(), c.outcomes(), c.maxSubmitsPerSecond(),
                c.messageIdFormat(), c.sendReceipts(), c.receiptResendMillis(), c.heldReceiptLimit());
    }
}
