package io.edgegw.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.edgegw.simulator.sip.CallMix;
import io.edgegw.simulator.sip.TrunkConfig;

/**
 * One entry of the launcher's {@code simulators.sipTrunks:} list: a simulated SIP trunk (UDP) embedded in
 * {@code edge up}. Omitted fields take the trunk's defaults (127.0.0.1:5070, answer every call at once, the caller
 * hangs up).
 *
 * @param mix e.g. {@code ANSWER=95,BUSY=5}; names ANSWER, BUSY, UNAVAILABLE, NO_ANSWER
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SipTrunkSpec(
        String id, String host, Integer port, String mix,
        Long answerLatencyMillis, Long ringMillis, Long callDurationMillis) {

    TrunkConfig toTrunkConfig() {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is required");
        }
        return new TrunkConfig(host == null ? "127.0.0.1" : host, port == null ? TrunkConfig.DEFAULT_PORT : port,
                mix == null ? null : CallMix.parse(mix),
                orZero(answerLatencyMillis), orZero(ringMillis), orZero(callDurationMillis));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
