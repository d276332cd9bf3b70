package io.edgegw.core.receipt;

/**
 * A correlation as Redis holds it. Key {@code edge:corr:<carrierId>|<id>}: the carrier id scopes the carrier's own
 * message id, so two carriers' ids never meet. Value {@code 1|instance|tenant|gatewayId|registeredDelivery|parts|part}
 * (version first, so a later layout can be told apart): text, so an operator can read it with {@code redis-cli}.
 */
final class SharedCorrelation {
    static final String KEY_PREFIX = "edge:corr:";
    private static final String VERSION = "1";
    private static final int FIELDS = 7;

    private SharedCorrelation() {
    }

    static String key(CharSequence correlationKey) {
        return KEY_PREFIX + correlationKey;
    }

    static String value(String instance, Correlation c) {
        return VERSION + '|' + instance + '|' + c.tenantId() + '|' + c.gatewayId() + '|' + c.registeredDelivery()
                + '|' + c.parts() + '|' + c.part();
    }

    /** The correlation a value holds; null when it is not one this version can read (counted, never thrown). */
    static Correlation correlation(String value) {
        if (value == null || value.length() > 512) {
            return null;
        }
        String[] f = value.split("\\|", -1);
        if (f.length != FIELDS || !VERSION.equals(f[0]) || f[2].isEmpty()) {
            return null;
        }
        try {
            long gatewayId = Long.parseLong(f[3]);
            byte registered = Byte.parseByte(f[4]);
            int parts = Integer.parseInt(f[5]);
            int part = Integer.parseInt(f[6]);
            if (parts > 1 && part >= 1 && part <= parts && parts <= 255) {
                return new Correlation(f[2], gatewayId, registered, parts, part);
            }
            return new Correlation(f[2], gatewayId, registered);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The instance that wrote a value (where the message was sent from); null when unreadable. */
    static String instance(String value) {
        String[] f = value == null ? new String[0] : value.split("\\|", -1);
        return f.length == FIELDS ? f[1] : null;
    }
}
