package io.edgegw.simulator;

import org.jsmpp.SMPPConstant;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Names command_status values the way operators read them in traces (ESME_RTHROTTLED), from jSMPP's own constants. */
public final class SmppStatus {
    private static final String PREFIX = "STAT_";
    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> VALUES = new HashMap<>();

    static {
        for (Field field : SMPPConstant.class.getFields()) {
            if (field.getName().startsWith(PREFIX) && field.getType() == int.class
                    && Modifier.isStatic(field.getModifiers())) {
                try {
                    NAMES.putIfAbsent(field.getInt(null), field.getName().substring(PREFIX.length()));
                    VALUES.put(field.getName().substring(PREFIX.length()), field.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private SmppStatus() {
    }

    /** {@code ESME_RTHROTTLED} for 0x58; unknown values as hex. */
    public static String name(int status) {
        String name = NAMES.get(status);
        return name != null ? name : String.format("0x%08x", status);
    }

    /** 0x58 for {@code ESME_RTHROTTLED} (case-insensitive); also takes hex ({@code 0x58}). */
    public static int parse(String name) {
        String trimmed = name.trim();
        if (trimmed.startsWith("0x") || trimmed.startsWith("0X")) {
            try {
                return Integer.parseUnsignedInt(trimmed.substring(2), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a command_status: '" + name + "'");
            }
        }
        Integer value = VALUES.get(trimmed.toUpperCase(Locale.ROOT));
        if (value == null) {
            throw new IllegalArgumentException("unknown command_status '" + name + "' (use a jSMPP name such as ESME_RSYSERR, or hex)");
        }
        return value;
    }
}
