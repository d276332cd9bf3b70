package io.edgegw.smpp.tls;

import javax.net.ssl.SSLException;

/** Tells TLS failures (a handshake refused, a record that is no TLS) from other errors, and says them in a line. */
public final class TlsFailure {
    private TlsFailure() {
    }

    /** The TLS exception in {@code cause}'s chain (Netty wraps the engine's in a DecoderException), or null. */
    public static SSLException of(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException e) {
                return e;
            }
        }
        return null;
    }

    /** The innermost message, where the JDK says what it disliked (e.g. "PKIX path building failed"). */
    public static String reason(Throwable cause) {
        Throwable t = cause;
        String message = String.valueOf(cause);
        while (t != null) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message;
    }
}
