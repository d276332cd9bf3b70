package io.edgegw.sip.stack;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JAIN-SIP's internal log, sent to SLF4J logger {@code gov.nist.javax.sip} instead of log4j 1.x (which the RI would
 * otherwise need). The stack's chatter is debug; its warnings and errors keep their level, but a peer's bad messages
 * make some of them once per message: each kind (by its first words) is logged at most once a minute, the rest at
 * debug, and no line is longer than {@link #MAX_LINE}.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
    /** Longest line the RI may put in our log. */
    static final int MAX_LINE = 2000;
    private static final int KIND_CHARS = 32;
    private static final int MAX_KINDS = 1000;
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final ConcurrentHashMap<String, Long> LOGGED = new ConcurrentHashMap<>();

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        if (firstThisMinute(ex.getClass().getName())) {
            LOG.warn("SIP stack (this kind logged once a minute)", ex);
        } else {
            LOG.debug("SIP stack", ex);
        }
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        logError(message);
    }

    @Override
    public void logError(String message) {
        if (firstThisMinute(message)) {
            LOG.error(bounded(message));
        } else {
            LOG.debug(bounded(message));
        }
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        if (logLevel >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        }
        return LOG.isWarnEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        if (firstThisMinute(message)) {
            LOG.error(bounded(message), ex);
        } else {
            LOG.debug(bounded(message), ex);
        }
    }

    @Override
    public void logWarning(String message) {
        String m = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("tls") || m.contains("keystore") || m.contains("truststore")) {
            LOG.debug(message); // at every start: the gateway offers no SIP over TLS, so its defaults do not matter
        } else if (firstThisMinute(message)) {
            LOG.warn(bounded(message));
        } else {
            LOG.debug(bounded(message));
        }
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(message); // the stack's "info" is start-up chatter
    }

    /** Whether a line of this kind (its first words) was not logged in the last minute. */
    static boolean firstThisMinute(String message) {
        String m = String.valueOf(message);
        String kind = m.substring(0, Math.min(m.length(), KIND_CHARS));
        long now = System.nanoTime();
        if (LOGGED.size() > MAX_KINDS) {
            LOGGED.clear();
        }
        Long before = LOGGED.get(kind);
        if (before != null && now - before < MINUTE_NANOS) {
            return false;
        }
        LOGGED.put(kind, now); // two threads racing may both log once: harmless
        return true;
    }

    /** The RI puts whole messages (a datagram's 64 KB buffer, as numbers) into some lines: no peer fills our log. */
    static String bounded(String message) {
        String m = String.valueOf(message);
        return m.length() <= MAX_LINE ? m : m.substring(0, MAX_LINE) + "... (" + m.length() + " characters)";
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
