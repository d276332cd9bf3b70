package io.edgegw.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the gateway binds to a carrier's endpoints; YAML names are the lower-case constant names. */
public enum CarrierBindType {
    /** bind_transceiver: submits, receipts and MO on the same binds. */
    TRANSCEIVER,
    /** bind_transmitter only: submits; the carrier sends no receipts or MO to us. */
    TRANSMITTER,
    /** bind_transmitter binds for submits plus one bind_receiver per endpoint for receipts and MO (Kannel's mode). */
    SPLIT;

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the type, or null when {@code text} names none */
    public static CarrierBindType fromYaml(String text) {
        for (CarrierBindType t : values()) {
            if (t.yamlName().equals(text)) {
                return t;
            }
        }
        return null;
    }

    public static String yamlNames() {
        return Arrays.stream(values()).map(CarrierBindType::yamlName).collect(Collectors.joining(", "));
    }
}
