package io.edgegw.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.edgegw.simulator.smsc.MessageIdFormat;
import io.edgegw.simulator.smsc.OutcomeMix;
import io.edgegw.simulator.smsc.SmscConfig;

import java.util.Locale;

/**
 * One entry of the launcher's {@code simulators:} section: a simulated SMSC embedded in {@code edge up}.
 * Omitted fields take the simulator's defaults (answer at once, every message DELIVRD).
 *
 * @param outcomes e.g. {@code DELIVRD=90,UNDELIV=10}
 * @param adminPort when set, its fault admin endpoint listens on 127.0.0.1 at this port (0 = ephemeral)
 * @param receiptsOnRandomBind each receipt on a receiving bind of its system_id drawn at random (default: the bind
 *                             that took the submit)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SimulatorSpec(
        String id, String host, Integer port, String systemId, String password,
        Long submitLatencyMillis, Long receiptDelayMillis, String outcomes,
        Integer maxSubmitsPerSecond, String messageIdFormat, Integer adminPort, Boolean receiptsOnRandomBind) {

    SmscConfig toSmscConfig() {
        // SmscConfig itself defaults a null outcome mix (all DELIVRD) and id format (HEX).
        return new SmscConfig(id == null ? "smsc" : id, host == null ? "127.0.0.1" : host,
                port == null ? SmscConfig.DEFAULT_PORT : port, systemId, password,
                orZero(submitLatencyMillis), orZero(receiptDelayMillis),
                outcomes == null ? null : OutcomeMix.parse(outcomes),
                maxSubmitsPerSecond == null ? 0 : maxSubmitsPerSecond,
                messageIdFormat == null ? null : MessageIdFormat.valueOf(messageIdFormat.toUpperCase(Locale.ROOT)),
                true, SmscConfig.DEFAULT_RECEIPT_RESEND_MILLIS, SmscConfig.DEFAULT_HELD_RECEIPT_LIMIT,
                Boolean.TRUE.equals(receiptsOnRandomBind));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
