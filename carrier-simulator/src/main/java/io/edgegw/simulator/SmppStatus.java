package io.edgegw.simulator;

import org.jsmpp.SMPPConstant;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** Names command_status values the way operators read them in traces (ESME_RTHROTTLED), from jSMPP's own constants. */
public final class SmppStatus {
    private static final String PREFIX = "STAT_";
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        for (Field field : SMPPConstant.class.getFields()) {
            if (field.getName().startsWith(PREFIX) && field.getType() == int.class
                    && Modifier.isStatic(field.getModifiers())) {
                try {
                    NAMES.putIfAbsent(field.getInt(null), field.getName().substring(PREFIX.length()));
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
}
