package io.edgegw.simulator.sip;

import gov.nist.core.StackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * JAIN-SIP's stack log through slf4j, at most as chatty as {@code gov.nist.javax.sip.TRACE_LEVEL} (we set ERROR).
 * Replaces the RI's default {@code LogWriter}, which needs log4j 1.x and writes a debug file into the working directory.
 */
public final class SipStackLog implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgegw.simulator.sip.jainsip");
    private volatile int level = TRACE_ERROR;
    private volatile boolean enabled = true;

    @Override
    public void setStackProperties(Properties properties) {
        String configured = properties.getProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR").trim().toUpperCase();
        level = switch (configured) {
            case "NONE", "OFF", "0" -> TRACE_NONE;
            case "FATAL" -> TRACE_FATAL;
            case "WARN" -> TRACE_WARN;
            case "INFO" -> TRACE_INFO;
            case "DEBUG" -> TRACE_DEBUG;
            case "TRACE" -> TRACE_TRACE;
            default -> TRACE_ERROR;
        };
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled && level >= TRACE_DEBUG && LOG.isDebugEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return enabled && logLevel <= level;
    }

    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int traceLevel) { }
    @Override public int getLineCount() { return 0; }

    @Override
    public void logException(Throwable t) {
        if (isLoggingEnabled(TRACE_ERROR)) {
            LOG.error("jain-sip", t);
        }
    }

    @Override public void logDebug(String message) { if (isLoggingEnabled(TRACE_DEBUG)) LOG.debug(message); }
    @Override public void logDebug(String message, Exception e) { if (isLoggingEnabled(TRACE_DEBUG)) LOG.debug(message, e); }
    @Override public void logTrace(String message) { if (isLoggingEnabled(TRACE_TRACE)) LOG.trace(message); }
    @Override public void logInfo(String message) { if (isLoggingEnabled(TRACE_INFO)) LOG.info(message); }
    @Override public void logWarning(String message) { if (isLoggingEnabled(TRACE_WARN)) LOG.warn(message); }
    @Override public void logError(String message) { if (isLoggingEnabled(TRACE_ERROR)) LOG.error(message); }
    @Override public void logError(String message, Exception e) { if (isLoggingEnabled(TRACE_ERROR)) LOG.error(message, e); }
    @Override public void logFatalError(String message) { if (isLoggingEnabled(TRACE_FATAL)) LOG.error(message); }
    @Override public void disableLogging() { enabled = false; }
    @Override public void enableLogging() { enabled = true; }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public String getLoggerName() { return LOG.getName(); }
}
